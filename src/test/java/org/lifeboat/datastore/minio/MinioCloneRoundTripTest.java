package org.lifeboat.datastore.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.StatObjectResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lifeboat.keys.ExternalTools;
import org.lifeboat.manifest.DatastoreRecord;

/** A multipart-sized object, metadata, exclusions, and the archive unpacked by hand with age, zstd and tar. */
class MinioCloneRoundTripTest extends TwoS3Servers {

    private static final long BIG = 20L * 1024 * 1024 + 123;

    @Test
    void aMultipartObjectKeepsItsBytesTypeAndMetadata() throws Exception {
        production.bucket("big");
        String sha256 = putRandom(production, "big", "media/movie.mp4", BIG);
        production.put("big", "notes/a.txt", MinioCloneDatastoreContractTest.bytes("a"), "text/markdown",
                Map.of("reviewed-by", "alice", "Build", "7"));
        DatastoreRecord recorded = artifacts.backup(new MinioDatastore("minio", production.settings(List.of())));
        assertEquals(Map.of("objects", 2L, "bytes", BIG + 1), recorded.counts().get("big"));

        artifacts.restore(new MinioDatastore("minio", staging.settings(List.of())), recorded);

        StatObjectResponse movie = staging.stat("big", "media/movie.mp4");
        assertEquals(BIG, movie.size());
        assertEquals("video/mp4", movie.contentType());
        assertEquals(Map.of("camera", "b"), Map.copyOf(movie.userMetadata()));
        assertEquals(sha256, sha256Of(staging, "big", "media/movie.mp4"));
        StatObjectResponse notes = staging.stat("big", "notes/a.txt");
        assertEquals("text/markdown", notes.contentType());
        assertEquals(Map.of("reviewed-by", "alice", "build", "7"), Map.copyOf(notes.userMetadata()));
        assertEquals(production.fingerprint(), staging.fingerprint());
    }

    @Test
    void excludedBucketsAndPrefixesAreLeftOutAndRecorded() throws Exception {
        production.bucket("keep");
        production.bucket("skip");
        production.put("keep", "data/1", MinioCloneDatastoreContractTest.bytes("1"), null, Map.of());
        production.put("keep", "tmp/scratch", MinioCloneDatastoreContractTest.bytes("2"), null, Map.of());
        production.put("skip", "x", MinioCloneDatastoreContractTest.bytes("3"), null, Map.of());
        MinioSettings settings = new MinioSettings(MinioSettings.CLONE, production.server.endpoint(), production.server.accessKey(),
                production.server.secretKey(), List.of(), List.of("skip"), List.of("keep/tmp/"));
        DatastoreRecord recorded = artifacts.backup(new MinioDatastore("minio", settings));
        assertEquals(List.of("keep"), recorded.counts().keySet().stream().toList());
        assertEquals(1L, recorded.counts().get("keep").get("objects"));
        assertTrue(recorded.excluded().contains("bucket skip"), recorded.excluded().toString());
        assertTrue(recorded.excluded().stream().anyMatch(e -> e.contains("'keep': 1 objects under excluded prefixes")),
                recorded.excluded().toString());
        assertTrue(recorded.excluded().stream().anyMatch(e -> e.startsWith("bucket 'keep': lifecycle not saved: the server does"
                + " not implement it")), "settings the stand-in cannot give are recorded: " + recorded.excluded());
    }

    @Test
    void tarExtractsTheObjectsByHand() throws Exception {
        production.bucket("photos");
        String sha256 = putRandom(production, "photos", "2026/raw/img-0001.cr2", 2 * 1024 * 1024);
        production.put("photos", "2026/index.html", MinioCloneDatastoreContractTest.bytes("<p>hi</p>"), "text/html",
                Map.of("album", "winter"));
        artifacts.backup(new MinioDatastore("minio", production.settings(List.of("photos"))));
        Path artifact;
        try (Stream<Path> files = Files.walk(artifacts.storeRoot())) {
            artifact = files.filter(p -> p.getFileName().toString().equals("photos.tar.zst.age")).findFirst().orElseThrow();
        }
        Path zst = work.resolve("photos.tar.zst");
        Path tar = work.resolve("photos.tar");
        ExternalTools.run(null, zst, "age", "-d", "-i", artifacts.identity().toString(), artifact.toString());
        ExternalTools.run(zst, tar, "zstd", "-d", "-q", "-c");
        Path out = Files.createDirectory(work.resolve("by-hand"));
        String warnings = ExternalTools.run(null, null, "tar", "-x", "-f", tar.toString(), "-C", out.toString());
        assertEquals("", warnings, "plain tar -x unpacks without complaint");

        assertEquals("<p>hi</p>", Files.readString(out.resolve("photos/2026/index.html")));
        assertEquals(sha256, sha256(Files.newInputStream(out.resolve("photos/2026/raw/img-0001.cr2"))));
        String index = Files.readString(out.resolve("_lifeboat/photos/index-000001.jsonl"));
        assertTrue(index.contains("\"key\":\"2026/raw/img-0001.cr2\",\"size\":2097152,\"sha256\":\"" + sha256 + "\""), index);

        Path withXattrs = Files.createDirectory(work.resolve("with-xattrs"));
        ExternalTools.run(null, null, "tar", "--xattrs", "--xattrs-include=user.*", "-x", "-f", tar.toString(), "-C",
                withXattrs.toString());
        Path page = withXattrs.resolve("photos/2026/index.html");
        assertEquals("text/html", xattr(page, "user.s3.content-type"));
        assertEquals("winter", xattr(page, "user.s3.meta.album"));
        assertEquals("{\"key\":\"2026/index.html\",\"headers\":{\"Content-Type\":\"text/html\"},\"metadata\":{\"album\":\"winter\"}}",
                xattr(page, "user.s3.object"), "the exact key, headers and metadata, as JSON");
    }

    private static String xattr(Path file, String name) throws Exception {
        var view = Files.getFileAttributeView(file, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(view.size(name.substring("user.".length())));
        view.read(name.substring("user.".length()), buffer);
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    /** Puts {@code size} random bytes, streamed (never a whole array), and returns their SHA-256. */
    private static String putRandom(S3Fixture server, String bucket, String key, long size) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        InputStream random = new InputStream() {
            private final Random seed = new Random(size);
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                seed.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
        server.put(bucket, key, new DigestInputStream(random, sha256), size, key.endsWith(".mp4") ? "video/mp4" : null,
                key.endsWith(".mp4") ? Map.of("camera", "b") : Map.of());
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String sha256Of(S3Fixture server, String bucket, String key) throws Exception {
        return sha256(server.client.getObject(io.minio.GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    private static String sha256(InputStream in) throws Exception {
        try (in) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
