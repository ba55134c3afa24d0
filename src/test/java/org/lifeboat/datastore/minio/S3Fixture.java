package org.lifeboat.datastore.minio;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeboat.testing.S3Server;

/** Filling, emptying and fingerprinting buckets of one test server through the SDK. */
public final class S3Fixture {

    final S3Server server;
    final MinioClient client;

    public S3Fixture(S3Server server) {
        this.server = server;
        this.client = MinioClient.builder().endpoint(server.endpoint()).credentials(server.accessKey(), server.secretKey()).build();
    }

    /** The SDK client of this server, for changes a test makes directly. */
    public MinioClient client() {
        return client;
    }

    MinioSettings settings(List<String> buckets) {
        return settings(MinioSettings.CLONE, buckets);
    }

    public MinioSettings settings(String mode, List<String> buckets) {
        return new MinioSettings(mode, server.endpoint(), server.accessKey(), server.secretKey(), buckets, List.of(), List.of());
    }

    /** Removes one bucket and its objects. */
    void clearBucket(String bucket) throws Exception {
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(item.get().objectName()).build());
        }
        client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
    }

    /** Removes every bucket and its objects. */
    void clear() throws Exception {
        for (Bucket bucket : client.listBuckets()) {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket.name()).recursive(true).build())) {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket.name()).object(item.get().objectName()).build());
            }
            client.removeBucket(RemoveBucketArgs.builder().bucket(bucket.name()).build());
        }
    }

    public void bucket(String bucket) throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
    }

    public void put(String bucket, String key, byte[] body, String type, Map<String, String> metadata) throws Exception {
        put(bucket, key, new ByteArrayInputStream(body), body.length, type, metadata);
    }

    void put(String bucket, String key, InputStream body, long size, String type, Map<String, String> metadata) throws Exception {
        PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(bucket).object(key).stream(body, size, -1).userMetadata(metadata);
        if (type != null) {
            put.contentType(type);
        }
        client.putObject(put.build());
    }

    /**
     * Puts an object with exactly these header bytes (lower-case names → one char per byte),
     * the way a client other than the SDK may have written it on production.
     */
    void putExact(String bucket, String key, Map<String, String> wire, byte[] body) throws Exception {
        raw().put(bucket, key, new java.util.TreeMap<>(wire), new ByteArrayInputStream(body), body.length);
    }

    /** The standard headers and user metadata the server answers a GET with, byte for byte (one char per byte). */
    Map<String, String> wireHeaders(String bucket, String key) throws Exception {
        Map<String, String> kept = new TreeMap<>();
        try (S3RawRequests.Response response = raw().get(bucket, key)) {
            response.headers().forEach((name, value) -> {
                if (name.startsWith("x-amz-meta-") || ObjectHeaders.STANDARD.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    /**
     * What the stand-in itself stored for the object, read from its files (S3Proxy's filesystem
     * backend keeps headers and metadata as extended attributes): a check that does not go through
     * any HTTP client.
     */
    Map<String, String> storedAttributes(String bucket, String key) throws Exception {
        java.nio.file.Path file = server.dataDir().resolve(bucket).resolve(key);
        var view = java.nio.file.Files.getFileAttributeView(file, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        Map<String, String> attributes = new TreeMap<>();
        for (String name : view.list()) {
            // user.content-type is left out: the stand-in guesses a type from the name when none was given, and
            // answers a GET with it, which is what a backup reads and a restore writes back; the GET's bytes are compared
            if (name.startsWith("user.user-metadata.") || (name.startsWith("user.content-") && !name.equals("user.content-type"))
                    || name.equals("user.cache-control") || name.equals("user.expires")) {
                java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(view.size(name));
                view.read(name, value);
                attributes.put(name, HexFormat.of().formatHex(value.array()));
            }
        }
        return attributes;
    }

    private S3RawRequests raw() {
        return new S3RawRequests(settings(MinioSettings.CLONE, List.of()), "us-east-1");
    }

    StatObjectResponse stat(String bucket, String key) throws Exception {
        return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
    }

    /** Every bucket's name, sorted. */
    public List<String> bucketNames() throws Exception {
        return client.listBuckets().stream().map(Bucket::name).sorted().toList();
    }

    /** Every bucket, every object: key, size, SHA-256 of the body, content type, user metadata. */
    public String fingerprint() throws Exception {
        StringBuilder out = new StringBuilder();
        for (Bucket bucket : client.listBuckets().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            if (bucket.name().contains("lifeboat-")) {
                continue; // Lifeboat's own copies are looked at apart (bucketNames)
            }
            out.append("bucket ").append(bucket.name()).append('\n');
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket.name()).recursive(true).build())) {
                String key = result.get().objectName();
                StatObjectResponse stat = stat(bucket.name(), key);
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket.name()).object(key).build())) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha256.update(buffer, 0, n);
                    }
                }
                out.append("  ").append(key).append(' ').append(stat.size()).append(' ')
                        .append(HexFormat.of().formatHex(sha256.digest())).append(' ').append(stat.contentType()).append(' ')
                        .append(new TreeMap<>(stat.userMetadata())).append('\n');
            }
        }
        return out.toString();
    }
}
