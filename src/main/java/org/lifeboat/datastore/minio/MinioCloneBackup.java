package org.lifeboat.datastore.minio;

import io.minio.messages.Item;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        SourceObjects source = new SourceObjects(endpoint, settings);
        List<String> excluded = new ArrayList<>();
        List<String> buckets = source.buckets(excluded);
        List<ArtifactRecord> artifacts = new ArrayList<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String bucket : buckets) {
            BucketSettings bucketSettings = BucketSettings.read(endpoint, bucket);
            excluded.addAll(bucketSettings.notSaved());
            long[] skipped = {0};
            try (ArtifactOutput out = sink.create(BucketArchive.fileName(bucket), bucket, BucketArchive.FORMAT)) {
                BucketArchiveWriter writer = new BucketArchiveWriter(bucket, out);
                writer.writeSettings(bucketSettings);
                writeObjects(source, bucket, writer, skipped);
                writer.finish();
                artifacts.add(out.finish());
                Map<String, Long> bucketCounts = new LinkedHashMap<>();
                bucketCounts.put(MinioDatastore.OBJECTS, writer.objects());
                bucketCounts.put(MinioDatastore.BYTES, writer.bytes());
                counts.put(bucket, bucketCounts);
                LOG.infof("%s: bucket '%s': %d objects, %d bytes", endpoint.describe(), bucket, writer.objects(), writer.bytes());
            }
            if (skipped[0] > 0) {
                excluded.add("bucket '" + bucket + "': " + skipped[0] + " objects under excluded prefixes");
            }
        }
        return new BackupResult(Map.of("client", "minio-java " + MinioDatastore.SDK_VERSION), artifacts, counts, excluded);
    }

    private void writeObjects(SourceObjects source, String bucket, BucketArchiveWriter writer, long[] skipped) throws IOException {
        try {
            for (Item item : source.list(bucket, skipped)) {
                Optional<SourceObjects.Opened> opened = source.open(bucket, item.objectName());
                if (opened.isPresent()) {
                    try (SourceObjects.Opened object = opened.get()) {
                        writer.writeObject(object.key(), object.size(), object.modified(), object.described(), object.body());
                    } catch (MinioEndpoint.CallFailure | InterruptedIOException e) {
                        throw e; // names its bucket and object already
                    } catch (IOException e) {
                        throw new IOException("bucket '" + bucket + "': object '"
                                + ObjectKeys.printable(item.objectName()) + "': " + e.getMessage(), e);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
