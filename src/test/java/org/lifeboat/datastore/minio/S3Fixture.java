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

    StatObjectResponse stat(String bucket, String key) throws Exception {
        return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
    }

    /** Every bucket, every object: key, size, SHA-256 of the body, content type, user metadata. */
    public String fingerprint() throws Exception {
        StringBuilder out = new StringBuilder();
        for (Bucket bucket : client.listBuckets().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
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
