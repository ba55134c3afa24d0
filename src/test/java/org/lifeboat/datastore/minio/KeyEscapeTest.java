package org.lifeboat.datastore.minio;

import org.lifeboat.testing.ArtifactFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.S3Server;

/**
 * Keys that would escape the bucket's folder when the archive is unpacked are refused when the
 * archive is written (backup) and when it is read (restore, for an archive made by anyone).
 * Neither the SDK nor S3Proxy will store such a key ('.'/'..' segments are refused by the SDK,
 * a leading '/' by the server), so the backup side is tested at the archive writer every object
 * passes through, and the restore side with hand-made archives through the real pipeline.
 */
class KeyEscapeTest {

    private static S3Fixture staging;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        staging = new S3Fixture(S3Server.start());
    }

    @AfterAll
    static void stop() {
        staging.server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "a/..", "..", "/etc/passwd", "a/./b", ".", "a\0b", ""})
    void unsafeKeysAreNamed(String key) {
        assertTrue(ObjectKeys.problem(key) != null, key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "folder/", "..a/b..", "a/.hidden", "a b/ü日本", "x/...", "a\\..\\b"})
    void ordinaryKeysPass(String key) {
        assertNull(ObjectKeys.problem(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/abs/evil", "a/\0/evil"})
    void theBackupWriterRefusesAnEscapingKeyAndWritesNothingForIt(String key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BucketArchiveWriter writer = new BucketArchiveWriter("docs", out);
        IOException e = assertThrows(IOException.class, () -> writer.writeObject(key, 4, Instant.now(), Map.of(), Map.of(),
                new ByteArrayInputStream(new byte[4])));
        assertTrue(e.getMessage().contains("of bucket 'docs' is refused: it would escape the bucket's folder"), e.getMessage());
        assertEquals(0, out.size(), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "docs/../../evil", "/docs/evil", "docs/a/../../../evil", "other/evil"})
    void aRestoreRefusesAnArchiveWithAnEscapingEntryAndLeavesTheServerAsItWas(String entryName) throws Exception {
        staging.clear();
        staging.bucket("docs");
        staging.put("docs", "live.txt", "live".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        String before = staging.fingerprint();
        ArtifactFixture artifacts = new ArtifactFixture(work);
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));
        ArtifactRecord artifact;
        try (ArtifactOutput out = artifacts.sink("minio").create("docs.tar", "docs", BucketArchive.FORMAT)) {
            handMadeArchive(out, entryName);
            artifact = out.finish();
        }
        DatastoreRecord recorded = ArtifactFixture.record(target, List.of(artifact),
                Map.of("docs", Map.of("objects", 1L, "bytes", 4L)), Map.of(), List.of(), Instant.now());

        IOException e = assertThrows(IOException.class, () -> target.prepare(recorded, artifacts.source(target.name())));
        assertTrue(e.getMessage().contains("would escape the bucket's folder"), e.getMessage());
        assertTrue(e.getMessage().contains("minio (" + staging.server.endpoint() + ")"), e.getMessage());
        assertEquals(before, staging.fingerprint(), "live bucket untouched and no scratch bucket left");
    }

    /** A well-formed archive of bucket 'docs' except for one entry named {@code entryName}. */
    private static void handMadeArchive(ArtifactOutput out, String entryName) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        byte[] settings = ("{\"layout\":1,\"bucket\":\"docs\",\"settings\":{}}").getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry header = new TarArchiveEntry(BucketArchive.settingsEntry("docs"));
        header.setSize(settings.length);
        tar.putArchiveEntry(header);
        tar.write(settings);
        tar.closeArchiveEntry();
        TarArchiveEntry evil = new TarArchiveEntry(entryName, true);
        evil.setSize(4);
        tar.putArchiveEntry(evil);
        tar.write("evil".getBytes(StandardCharsets.UTF_8));
        tar.closeArchiveEntry();
        tar.finish();
        tar.flush();
    }
}
