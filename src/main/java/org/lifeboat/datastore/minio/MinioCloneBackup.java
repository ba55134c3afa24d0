package org.lifeboat.datastore.minio;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.manifest.ArtifactRecord;

/** One backup of an S3 server: each selected bucket, object by object, into its own tar artifact. */
final class MinioCloneBackup {

    private static final Logger LOG = Logger.getLogger(MinioCloneBackup.class);

    private final MinioEndpoint endpoint;
    private final MinioSettings settings;

    MinioCloneBackup(MinioEndpoint endpoint, MinioSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        List<String> present = endpoint.call("list buckets",
                () -> endpoint.client().listBuckets().stream().map(Bucket::name).sorted().toList());
        List<String> excluded = new ArrayList<>();
        List<String> buckets = select(present, excluded);
        List<ArtifactRecord> artifacts = new ArrayList<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String bucket : buckets) {
            BucketSettings bucketSettings = BucketSettings.read(endpoint, bucket);
            excluded.addAll(bucketSettings.notSaved());
            long[] skipped = {0};
            try (ArtifactOutput out = sink.create(BucketArchive.fileName(bucket), bucket, BucketArchive.FORMAT)) {
                BucketArchiveWriter writer = new BucketArchiveWriter(bucket, out);
                writer.writeSettings(bucketSettings);
                writeObjects(bucket, writer, skipped);
                writer.finish();
                artifacts.add(out.finish());
                Map<String, Long> bucketCounts = new LinkedHashMap<>();
                bucketCounts.put(MinioCloneDatastore.OBJECTS, writer.objects());
                bucketCounts.put(MinioCloneDatastore.BYTES, writer.bytes());
                counts.put(bucket, bucketCounts);
                LOG.infof("%s: bucket '%s': %d objects, %d bytes", endpoint.describe(), bucket, writer.objects(), writer.bytes());
            }
            if (skipped[0] > 0) {
                excluded.add("bucket '" + bucket + "': " + skipped[0] + " objects under excluded prefixes");
            }
        }
        return new BackupResult(Map.of("client", "minio-java " + MinioCloneDatastore.SDK_VERSION), artifacts, counts, excluded);
    }

    /** The configured buckets (all if none), less the excluded ones and restore scratch buckets. */
    private List<String> select(List<String> present, List<String> excluded) throws IOException {
        for (String wanted : settings.buckets()) {
            if (!present.contains(wanted)) {
                throw new IOException(endpoint.describe() + ": bucket '" + wanted + "' does not exist");
            }
        }
        List<String> selected = new ArrayList<>();
        for (String bucket : settings.buckets().isEmpty() ? present : settings.buckets()) {
            if (settings.excludeBuckets().contains(bucket)) {
                excluded.add("bucket " + bucket);
            } else if (RestoreNames.isScratch(bucket)) {
                excluded.add("bucket " + bucket + " (a restore's scratch bucket)");
            } else {
                selected.add(bucket);
            }
        }
        for (String bucket : present) {
            if (!settings.buckets().isEmpty() && !settings.buckets().contains(bucket)) {
                excluded.add("bucket " + bucket);
            }
        }
        return selected;
    }

    private void writeObjects(String bucket, BucketArchiveWriter writer, long[] skipped) throws IOException {
        Iterable<Result<Item>> listing = endpoint.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build());
        for (Result<Item> result : listing) {
            Item item = endpoint.call("bucket '" + bucket + "': list objects", result::get);
            String key = item.objectName();
            if (settings.excludes(bucket, key)) {
                skipped[0]++;
                continue;
            }
            try {
                ObjectKeys.check(bucket, key);
            } catch (IOException e) {
                throw new IOException(endpoint.describe() + ": " + e.getMessage(), e);
            }
            writeObject(bucket, key, writer);
        }
    }

    /** Streams one object's body into the archive; its size, type and metadata come with the body. */
    private void writeObject(String bucket, String key, BucketArchiveWriter writer) throws IOException {
        String what = "bucket '" + bucket + "': object '" + ObjectKeys.printable(key) + "'";
        GetObjectResponse response;
        try {
            response = endpoint.client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            if ("NoSuchKey".equals(S3Errors.code(e))) {
                LOG.warnf("%s: %s was deleted after it was listed; not in this backup", endpoint.describe(), what);
                return;
            }
            throw endpoint.failure(what + ": read", e);
        }
        try (response) {
            Headers headers = response.headers();
            String length = headers.get("Content-Length");
            if (length == null) {
                throw new IOException(endpoint.describe() + ": " + what + ": the server sent no Content-Length");
            }
            Map<String, String> kept = new LinkedHashMap<>();
            String type = headers.get("Content-Type");
            if (type != null) {
                kept.put("Content-Type", type);
            }
            for (String name : BucketArchive.KEPT_HEADERS) {
                if (headers.get(name) != null) {
                    kept.put(name, headers.get(name));
                }
            }
            Map<String, String> metadata = new TreeMap<>();
            for (String name : headers.names()) {
                if (name.regionMatches(true, 0, "x-amz-meta-", 0, 11)) {
                    metadata.put(name.substring(11).toLowerCase(), headers.get(name));
                }
            }
            writer.writeObject(key, Long.parseLong(length), lastModified(headers), kept, metadata, response);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(endpoint.describe())) {
                throw e;
            }
            throw new IOException(endpoint.describe() + ": " + what + ": " + e.getMessage(), e);
        }
    }

    private static Instant lastModified(Headers headers) {
        String value = headers.get("Last-Modified");
        try {
            return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null; // only the tar entry's mtime: an unreadable date leaves it at the epoch
        }
    }
}
