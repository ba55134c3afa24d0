package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.testing.Shell;

/**
 * What rsync mode adds to clone mode: nights without changes read and send nothing, only new and
 * changed objects are read, every set's date restores exactly, deletions show, equal bodies are
 * stored once under names that reveal nothing, the state identity reads indexes but no body, and
 * an index and its bodies come back by hand with age, zstd and jq.
 */
class MinioRsyncTest extends TwoS3Servers {

    @BeforeEach
    void fill() throws Exception {
        production.bucket("docs");
        production.bucket("media");
        for (int i = 0; i < 20; i++) {
            production.put("docs", "2026/cert-" + i + ".pdf", bytes("certificate " + i), "application/pdf", Map.of("n", "" + i));
        }
        production.put("media", "clip.bin", random(2 * 1024 * 1024 + 5, 1), "video/mp4", Map.of());
    }

    private static MinioDatastore source() {
        return new MinioDatastore("minio", production.settings(MinioSettings.RSYNC, List.of()));
    }

    private static MinioDatastore target() {
        return new MinioDatastore("minio", staging.settings(MinioSettings.RSYNC, List.of()));
    }

    @Test
    void aNightWithoutChangesReadsAndSendsNothing() throws Exception {
        DatastoreRecord first = artifacts.backup(source(), "prod/n1", null, null);
        assertEquals(20L, first.counts().get("docs").get("read-objects"));
        assertTrue(first.counts().get("media").get("sent-bytes") > 2 * 1024 * 1024, first.counts().toString());
        List<Path> bodies = bodies();
        assertEquals(21, bodies.size());

        DatastoreRecord second = artifacts.backup(source(), "prod/n2", first, "prod/n1");
        for (String bucket : List.of("docs", "media")) {
            assertEquals(0L, second.counts().get(bucket).get("read-objects"), bucket);
            assertEquals(0L, second.counts().get(bucket).get("read-bytes"), bucket);
            assertEquals(0L, second.counts().get(bucket).get("sent-bytes"), bucket);
            assertEquals(first.counts().get(bucket).get("objects"), second.counts().get(bucket).get("objects"));
        }
        assertEquals(bodies, bodies(), "no body written");
        assertEquals("prod/n1", second.versions().get("previous-set"));

        artifacts.restore(target(), second, "prod/n2");
        assertEquals(production.fingerprint(), staging.fingerprint());
    }

    @Test
    void onlyChangedObjectsAreReadAndEverySetRestoresItsOwnDate() throws Exception {
        DatastoreRecord first = artifacts.backup(source(), "prod/n1", null, null);
        String atFirst = production.fingerprint();

        Thread.sleep(1100); // a rewrite within the same second could keep its Last-Modified
        production.put("docs", "2026/cert-3.pdf", bytes("certificate 3, amended"), "application/pdf", Map.of("n", "3b"));
        production.put("docs", "2026/cert-20.pdf", bytes("certificate 20"), "application/pdf", Map.of());
        production.client.removeObject(io.minio.RemoveObjectArgs.builder().bucket("docs").object("2026/cert-7.pdf").build());
        DatastoreRecord second = artifacts.backup(source(), "prod/n2", first, "prod/n1");
        String atSecond = production.fingerprint();
        assertNotEquals(atFirst, atSecond);

        assertEquals(2L, second.counts().get("docs").get("read-objects"), "the amended and the new object, nothing else");
        assertEquals(0L, second.counts().get("media").get("read-objects"));
        assertEquals(20L, second.counts().get("docs").get("objects"), "20 - 1 deleted + 1 new");
        assertEquals(23, bodies().size(), "21 bodies of the first night and the 2 new ones");

        artifacts.restore(target(), first, "prod/n1");
        assertEquals(atFirst, staging.fingerprint(), "the first night, deleted object and old version included");
        artifacts.restore(target(), second, "prod/n2");
        assertEquals(atSecond, staging.fingerprint(), "the second night, the deletion visible");
    }

    @Test
    void equalBodiesAreStoredOnceUnderNamesThatAreNotTheirDigest() throws Exception {
        byte[] same = bytes("the same scanned form");
        production.put("docs", "copy-a.pdf", same, "application/pdf", Map.of());
        production.put("media", "copy-b.pdf", same, "application/pdf", Map.of());
        artifacts.backup(source(), "prod/n1", null, null);
        assertEquals(22, bodies().size(), "23 objects, two of them equal");
        String plainDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(same));
        assertTrue(bodies().stream().noneMatch(p -> p.getFileName().toString().startsWith(plainDigest)),
                "a body's name is a keyed hash, not the SHA-256 anyone could compute from a guessed document");
    }

    @Test
    void theStateIdentityReadsTheIndexButNoBody() throws Exception {
        artifacts.backup(source(), "prod/n1", null, null);
        ArtifactDecoder state = new ArtifactDecoder(AgeIdentity.read(artifacts.stateIdentity()));
        Path index = find("docs.index.jsonl.zst.age");
        try (InputStream in = state.open(Files.newInputStream(index))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("\"key\":\"2026/cert-0.pdf\""), text);
        }
        Path body = bodies().get(0);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = state.open(Files.newInputStream(body))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        assertTrue(e.getMessage().contains("identit"), e.getMessage());
    }

    @Test
    void aDamagedPreviousIndexMeansEverythingIsReadAgain() throws Exception {
        DatastoreRecord first = artifacts.backup(source(), "prod/n1", null, null);
        Path index = find("docs.index.jsonl.zst.age");
        try (FileChannel file = FileChannel.open(index, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }
        DatastoreRecord second = artifacts.backup(source(), "prod/n2", first, "prod/n1");
        assertTrue(second.counts().get("docs").get("read-objects") > 0, "docs read again: " + second.counts());
        assertEquals(0L, second.counts().get("media").get("read-objects"), "media's index was intact");
        artifacts.restore(target(), second, "prod/n2");
        assertEquals(production.fingerprint(), staging.fingerprint());
    }

    @Test
    void withoutAMirrorTheBackupSaysWhatIsMissing() {
        ArtifactSink noMirror = artifacts.sink("minio");
        IOException e = assertThrows(IOException.class, () -> source().backup(noMirror));
        // the datastore and its address are the backup run's to add, once
        assertTrue(e.getMessage().contains("lifeboat.backup.state-identity-file") && !e.getMessage().contains("minio ("),
                e.getMessage());
    }

    @Test
    void aMissingBodyFailsTheRestoreAndLeavesLiveDataUntouched() throws Exception {
        DatastoreRecord first = artifacts.backup(source(), "prod/n1", null, null);
        staging.bucket("docs");
        staging.put("docs", "live.txt", bytes("live"), "text/plain", Map.of());
        String before = staging.fingerprint();
        Files.delete(bodies().get(5));
        IOException e = assertThrows(IOException.class, () -> artifacts.restore(target(), first, "prod/n1"));
        assertTrue(e.getMessage().contains("minio-mirror/"), e.getMessage());
        assertEquals(before, staging.fingerprint());
    }

    /**
     * The README's restore by hand: the index with age and zstd, each body by its name with jq, age
     * and zstd, written at the entry's "file" where the key is not a safe path (here a key starting
     * with '%'), and put back under its exact "key".
     */
    @Test
    void anIndexAndItsBodiesComeBackByHand() throws Exception {
        production.put("docs", "%41/odd key+.pdf", bytes("odd"), "application/pdf", Map.of());
        DatastoreRecord first = artifacts.backup(source(), "prod/n1", null, null);
        ArtifactRecord index = first.artifacts().stream().filter(a -> a.subject().equals("docs")).findFirst().orElseThrow();
        Path out = work.resolve("by-hand");
        Shell.run("""
                set -eu
                cd "$SETS"
                age -d -i "$IDENTITY" "$INDEX" | zstd -d -q -c > "$OUT.jsonl"
                mirror="$(head -n 1 "$OUT.jsonl" | jq -r .mirror)"
                bucket="$(head -n 1 "$OUT.jsonl" | jq -r .bucket)"
                jq -r 'select(.key != null) | (.file // .key) as $f | select($f | endswith("/") | not) | [$f, .body.name] | @tsv' \
                  "$OUT.jsonl" |
                while IFS="$(printf '\t')" read -r file name; do
                  mkdir -p "$OUT/$bucket/$(dirname "$file")"
                  age -d -i "$IDENTITY" "$mirror/$(printf %.2s "$name")/$name.zst.age" | zstd -d -q -c > "$OUT/$bucket/$file"
                done
                jq -r 'select(.key != null) | [(.file // .key), .key] | @tsv' "$OUT.jsonl" > "$OUT.keys"
                """, Map.of("SETS", artifacts.storeRoot().resolve("prod").toString(), "IDENTITY", artifacts.identity().toString(),
                "INDEX", "n1/" + index.path(), "OUT", out.toString()));
        for (int i = 0; i < 20; i++) {
            assertEquals("certificate " + i, Files.readString(out.resolve("docs/2026/cert-" + i + ".pdf")));
        }
        assertEquals("odd", Files.readString(out.resolve("docs/%%2541/odd key+.pdf")), "the escaped path of a key starting with '%'");
        assertTrue(Files.readString(work.resolve("by-hand.keys")).contains("%%2541/odd key+.pdf\t%41/odd key+.pdf\n"),
                "the index maps the file back to its exact key");
    }

    private List<Path> bodies() throws IOException {
        Path mirror = artifacts.storeRoot().resolve("prod/minio-mirror");
        try (Stream<Path> files = Files.walk(mirror)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("incoming"))
                    .sorted().toList();
        }
    }

    private Path find(String name) throws IOException {
        try (Stream<Path> files = Files.walk(artifacts.storeRoot())) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
