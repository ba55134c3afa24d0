package org.lifeboat.datastore.minio;

import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
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
        SelectedBuckets walk = new SelectedBuckets(endpoint, source);
        walk.backUpEach((bucket, bucketSettings, skipped) -> {
            try (ArtifactOutput out = sink.create(BucketArchive.fileName(bucket), bucket, BucketArchive.FORMAT)) {
                BucketArchiveWriter writer = new BucketArchiveWriter(bucket, out);
                writer.writeSettings(bucketSettings);
                writeObjects(source, bucket, writer, skipped);
                writer.finish();
                ArtifactRecord artifact = out.finish();
                Map<String, Long> bucketCounts = new LinkedHashMap<>();
                bucketCounts.put(MinioDatastore.OBJECTS, writer.objects());
                bucketCounts.put(MinioDatastore.BYTES, writer.bytes());
                walk.add(bucket, artifact, bucketCounts);
                LOG.infof("%s: bucket '%s': %d objects, %d bytes", endpoint.describe(), bucket, writer.objects(), writer.bytes());
            }
        });
        return walk.result(Map.of("client", "minio-java " + MinioDatastore.SDK_VERSION));
    }

    /**
     * The bucket's objects into the archive in listing order, while the transfers read the next
     * ones ahead (at most twice {@code transfers} objects, each body held only up to
     * {@link Transfers#inMemoryLimit}); a larger body is read when its turn comes, streamed.
     */
    private void writeObjects(SourceObjects source, String bucket, BucketArchiveWriter writer, long[] skipped) throws IOException {
        int ahead = 2 * settings.transfers();
        int inMemory = Transfers.inMemoryLimit(ahead);
        try (Transfers transfers = new Transfers(bucket, endpoint, settings.transfers())) {
            OrderedTransfers<Ready> ordered = new OrderedTransfers<>(transfers, ahead, ready -> write(source, bucket, writer, ready));
            for (Item item : source.list(bucket, skipped)) {
                String key = item.objectName();
                if (item.size() <= inMemory) {
                    ordered.start(() -> SourceObjects.named(bucket, key, () -> readAhead(source, bucket, key, inMemory)));
                } else {
                    ordered.add(new Ready(key, null));
                }
            }
            ordered.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * An object whose turn it is.
     *
     * @param read its body read ahead into memory, or empty if it was deleted since it was listed;
     *     null when the writer opens it itself, in turn (a large body, streamed)
     */
    private record Ready(String key, Optional<SourceObjects.Opened> read) {
    }

    /** Reads a small object whole into memory; one that grew past {@code inMemory} since it was listed is left to the writer. */
    private static Ready readAhead(SourceObjects source, String bucket, String key, int inMemory) throws IOException {
        Optional<SourceObjects.Opened> opened = source.open(bucket, key);
        if (opened.isEmpty()) {
            return new Ready(key, opened);
        }
        try (SourceObjects.Opened object = opened.get()) {
            if (object.size() > inMemory) {
                return new Ready(key, null);
            }
            byte[] body = object.body().readNBytes((int) object.size()); // a short body is caught by the writer's size check
            return new Ready(key, Optional.of(new SourceObjects.Opened(object.key(), object.size(), object.etag(), object.modified(),
                    object.described(), new ByteArrayInputStream(body))));
        }
    }

    private static void write(SourceObjects source, String bucket, BucketArchiveWriter writer, Ready ready) throws IOException {
        SourceObjects.named(bucket, ready.key(), () -> {
            Optional<SourceObjects.Opened> opened = ready.read() != null ? ready.read() : source.open(bucket, ready.key());
            if (opened.isPresent()) {
                try (SourceObjects.Opened object = opened.get()) {
                    writer.writeObject(object.key(), object.size(), object.modified(), object.described(), object.body());
                }
            }
            return null;
        });
    }
}
