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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lifeboat.keys.ExternalTools;
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
 * Every key S3 allows is backed up, whatever its shape: an archive entry's path never escapes the
 * bucket's folder (ObjectPaths escapes the unsafe segments and keeps the real key in the object
 * record and the index), real {@code tar -x} unpacks it inside the folder, and the index maps each
 * file back to its exact key. A restore still refuses an archive made by anyone else whose entries
 * would escape. Neither the SDK nor the stand-in can hold '.'/'..' segments, '//' or a leading '/'
 * (S3Proxy's filesystem backend folds or refuses them; no other S3 server is obtainable here), so
 * the backup side is tested at the archive writer every object passes through, and a restore of
 * such keys into the stand-in must fail loudly, naming what the server did, with live data untouched.
 */
class KeyEscapeTest {

    /** Sorted as S3 lists (UTF-8 byte order); every shape that needs care. */
    static final List<String> AWKWARD = sortedAsS3(List.of("../etc/passwd", "a/../../b", "a/..", "..", "/etc/passwd", "a/./b", ".",
            "a//b", "//", "/", "x/", "%41", "%+x", "a", "a/b", "a/b/c", "a/", "a.txt", "a\0b", "folder/sub/",
            "trail/with-body/", "n\u00e9e", "ne\u0301e", "line\nbreak", "tab\there", "100%", "a+b c"));

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
    void unsafePathsAreNamed(String path) {
        assertTrue(ObjectKeys.problem(path) != null, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "folder/", "..a/b..", "a/.hidden", "a b/\u00fc\u65e5\u672c", "x/...", "a\\..\\b"})
    void ordinaryKeysAreTheirOwnPath(String key) {
        assertNull(ObjectKeys.problem(key), key);
        assertEquals(key, new ObjectPaths().next(key, key.endsWith("/") ? 0 : 1));
    }

    @Test
    void everyKeyGetsASafeDistinctPathThatStandsForIt() {
        ObjectPaths paths = new ObjectPaths();
        Set<String> seen = new HashSet<>();
        for (String key : AWKWARD) {
            long size = key.equals("trail/with-body/") ? 5 : key.endsWith("/") ? 0 : 1;
            String path = paths.next(key, size);
            assertNull(ObjectKeys.problem(path), key + " -> " + path);
            assertEquals(key, ObjectPaths.key(path), "the path stands for the exact key: " + path);
            assertTrue(seen.add(path), "distinct: " + path);
        }
        ObjectPaths again = new ObjectPaths();
        assertEquals("a/%../b", again.next("a/../b", 1));
        assertEquals("%/etc", again.next("/etc", 1));
        assertEquals("%%2541", again.next("%41", 1));
        assertEquals("x", again.next("x", 1));
        assertEquals("%+x/y", again.next("x/y", 1), "below a file of the same name");
    }

    /** The archive of every awkward key, unpacked by the real tar: nothing outside, each file at its index path, exact keys back. */
    @Test
    void tarUnpacksEveryKeyInsideTheFolderAndTheIndexGivesItsExactKey() throws Exception {
        Path tar = work.resolve("docs.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            BucketArchiveWriter writer = new BucketArchiveWriter("docs", out);
            writer.writeSettings(new BucketSettings("docs", new java.util.LinkedHashMap<>()));
            for (String key : AWKWARD) {
                byte[] body = key.equals("trail/with-body/") || !key.endsWith("/") ? key.getBytes(StandardCharsets.UTF_8) : new byte[0];
                writer.writeObject(key, body.length, Instant.EPOCH, new ObjectHeaders(Map.of(), Map.of(), Map.of()),
                        new ByteArrayInputStream(body));
            }
            writer.finish();
        }
        Path jail = Files.createDirectories(work.resolve("jail/inside"));
        String warnings = ExternalTools.run(null, null, "tar", "-x", "-f", tar.toString(), "-C", jail.toString());
        assertEquals("", warnings, "plain tar -x unpacks without complaint");
        try (var outside = Files.list(work.resolve("jail"))) {
            assertEquals(List.of(jail), outside.toList(), "nothing landed outside the folder tar was given");
        }
        String index = Files.readString(jail.resolve("_lifeboat/docs/index-000001.jsonl"));
        int files = 0;
        for (String line : index.split("\n")) {
            var node = BucketArchive.JSON.readTree(line);
            String key = node.get("key").asText();
            String path = node.has("file") ? node.get("file").asText() : key;
            Path file = jail.resolve("docs").resolve(path);
            if (path.endsWith("/")) {
                assertTrue(Files.isDirectory(file), path);
            } else {
                assertEquals(key, Files.readString(file), "the file at '" + path + "' holds the body of '" + key + "'");
                files++;
            }
        }
        assertEquals(AWKWARD.stream().filter(k -> k.equals("trail/with-body/") || !k.endsWith("/")).count(), files);
        List<String> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar)) {
            new BucketArchiveReader("docs").read(in, (key, size, described, body) -> read.add(key));
        }
        assertEquals(AWKWARD, read, "Lifeboat reads back the exact keys");
    }

    /** Keys the stand-in folds or refuses: the restore fails naming what happened, the live bucket as it was, no scratch left. */
    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/./b", "a/../b", "/lead"})
    void aKeyTheTargetCannotHoldFailsTheRestoreLoudly(String key) throws Exception {
        String before = stagingWithOneLiveObject();
        ArtifactFixture artifacts = new ArtifactFixture(work);
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));
        DatastoreRecord recorded = setOfOneObject(artifacts, target, out -> {
            BucketArchiveWriter writer = new BucketArchiveWriter("docs", out);
            writer.writeSettings(new BucketSettings("docs", new java.util.LinkedHashMap<>()));
            writer.writeObject(key, 4, Instant.EPOCH, new ObjectHeaders(Map.of("Content-Type", "text/plain"), Map.of(), Map.of()),
                    new ByteArrayInputStream("evil".getBytes(StandardCharsets.UTF_8)));
            writer.finish();
        });

        IOException e = assertThrows(IOException.class, () -> target.prepare(recorded, artifacts.source(target.name())));
        assertTrue(e.getMessage().contains("write object '" + key + "'") || e.getMessage().contains("lists other keys than the 1 loaded"),
                e.getMessage());
        assertEquals(before, staging.fingerprint(), "live bucket untouched and no scratch bucket left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "docs/../../evil", "/docs/evil", "docs/a/../../../evil", "other/evil"})
    void aRestoreRefusesAnArchiveWithAnEscapingEntryAndLeavesTheServerAsItWas(String entryName) throws Exception {
        String before = stagingWithOneLiveObject();
        ArtifactFixture artifacts = new ArtifactFixture(work);
        MinioDatastore target = new MinioDatastore("minio", staging.settings(List.of()));
        DatastoreRecord recorded = setOfOneObject(artifacts, target, out -> handMadeArchive(out, entryName));

        IOException e = assertThrows(IOException.class, () -> target.prepare(recorded, artifacts.source(target.name())));
        assertTrue(e.getMessage().contains("would escape the bucket's folder"), e.getMessage());
        // the bucket is named here; the datastore and its address are the restore run's to add, once
        assertTrue(e.getMessage().contains("'docs'") && !e.getMessage().contains(target.describe()), e.getMessage());
        assertEquals(before, staging.fingerprint(), "live bucket untouched and no scratch bucket left");
    }

    /** Staging emptied, then bucket 'docs' with one live object; returns staging's fingerprint. */
    private static String stagingWithOneLiveObject() throws Exception {
        staging.clear();
        staging.bucket("docs");
        staging.put("docs", "live.txt", "live".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        return staging.fingerprint();
    }

    /** What a test writes into the one artifact of a hand-made set; the artifact is the caller's to finish and close. */
    @FunctionalInterface
    private interface ArchiveContent {
        void writeTo(ArtifactOutput out) throws IOException;
    }

    /**
     * A set of one artifact, {@code docs.tar}, whose bytes {@code content} writes, recorded as
     * bucket 'docs' with one object of 4 bytes.
     */
    private static DatastoreRecord setOfOneObject(ArtifactFixture artifacts, MinioDatastore target, ArchiveContent content)
            throws IOException {
        ArtifactRecord artifact;
        try (ArtifactOutput out = artifacts.sink("minio").create("docs.tar", "docs", BucketArchive.FORMAT)) {
            content.writeTo(out);
            artifact = out.finish();
        }
        return ArtifactFixture.record(target, List.of(artifact), Map.of("docs", Map.of("objects", 1L, "bytes", 4L)), Map.of(), List.of(),
                Instant.now());
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

    static List<String> sortedAsS3(List<String> keys) {
        return keys.stream().sorted(Comparator.comparing((String k) -> k.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned))
                .toList();
    }
}
