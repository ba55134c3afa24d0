package org.lifeboat.datastore.minio;

import io.minio.messages.Item;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
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
import org.lifeboat.datastore.BodyOutput;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * One backup of an S3 server in {@code rsync} mode. Each bucket's listing is walked beside the
 * previous set's index of that bucket (both in key order, so memory does not grow with the number
 * of objects): an object whose size, ETag and last-modified are those the index recorded keeps
 * its body and is not read; any other object is read and stored as a new body in the mirror. The
 * set gets a new index per bucket ({@link MirrorIndex}) and the list of bodies it needs.
 */
final class MinioRsyncBackup {

    private static final Logger LOG = Logger.getLogger(MinioRsyncBackup.class);
    private static final int COPY_BUFFER = 256 * 1024;

    private final MinioEndpoint endpoint;
    private final MinioSettings settings;
    private final byte[] buffer = new byte[COPY_BUFFER];

    MinioRsyncBackup(MinioEndpoint endpoint, MinioSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        Mirror mirror = sink.mirror().orElseThrow(() -> new IOException("mode rsync keeps a mirror,"
                + " which needs the backup role's state identity (lifeboat.backup.state-identity-file)"));
        Optional<Mirror.Previous> previous = mirror.previous().filter(p -> MinioSettings.RSYNC.equals(p.record().mode()));
        if (previous.isEmpty()) {
            LOG.infof("%s: no previous rsync set: every object is read", endpoint.describe());
        }
        SourceObjects source = new SourceObjects(endpoint, settings);
        List<String> excluded = new ArrayList<>();
        List<String> buckets = source.buckets(excluded);
        List<ArtifactRecord> artifacts = new ArrayList<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String bucket : buckets) {
            BucketSettings bucketSettings = BucketSettings.read(endpoint, bucket);
            excluded.addAll(bucketSettings.notSaved());
            long[] skipped = {0};
            Tally tally = new Tally();
            try (ArtifactOutput out = mirror.createIndex(MirrorIndex.fileName(bucket), bucket, MirrorIndex.FORMAT);
                    PreviousIndex last = PreviousIndex.open(endpoint, bucket, previous)) {
                MirrorIndex.Writer index = new MirrorIndex.Writer(out, bucket, mirror.folderName(), bucketSettings);
                for (Item item : source.list(bucket, skipped)) {
                    MirrorIndex.Entry entry = entry(source, mirror, bucket, item, last, tally);
                    if (entry != null) {
                        index.add(entry);
                    }
                }
                last.checkRest();
                index.finish();
                artifacts.add(out.finish());
                counts.put(bucket, tally.counts(index));
                LOG.infof("%s: bucket '%s': %d objects, %d bytes; read %d objects (%d bytes), %d unchanged, %d sent again"
                        + " (missing from the mirror); %d bytes sent", endpoint.describe(), bucket, index.objects(), index.bytes(),
                        tally.readObjects, tally.readBytes, tally.unchanged, tally.resent, tally.sentBytes);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (skipped[0] > 0) {
                excluded.add("bucket '" + bucket + "': " + skipped[0] + " objects under excluded prefixes");
            }
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("client", "minio-java " + MinioDatastore.SDK_VERSION);
        previous.ifPresent(p -> versions.put("previous-set", p.set()));
        return new BackupResult(versions, artifacts, counts, excluded);
    }

    /** The index entry of one listed object: the previous one if unchanged, else a new body; null if it vanished. */
    private MirrorIndex.Entry entry(SourceObjects source, Mirror mirror, String bucket, Item item, PreviousIndex last, Tally tally)
            throws IOException {
        String key = item.objectName();
        String etag = SourceObjects.etag(item.etag());
        String modified = item.lastModified() == null ? null : item.lastModified().toInstant().toString();
        MirrorIndex.Entry before = last.find(key);
        if (before != null && before.sameAs(item.size(), etag, modified)) {
            if (mirror.holds(before.body())) {
                mirror.refer(before.body());
                tally.unchanged++;
                return before;
            }
            LOG.warnf("%s: bucket '%s': object '%s' is unchanged but its body %s is missing from the mirror %s (or has another"
                    + " size): sending it again", endpoint.describe(), bucket, ObjectKeys.printable(key), before.body().name(),
                    mirror.folderName());
            tally.resent++;
        }
        Optional<SourceObjects.Opened> opened = source.open(bucket, key);
        if (opened.isEmpty()) {
            return null;
        }
        try (SourceObjects.Opened object = opened.get(); BodyOutput body = mirror.createBody()) {
            long copied = copy(object.body(), body);
            if (copied != object.size()) {
                throw new IOException("the server sent " + copied + " bytes where Content-Length said " + object.size());
            }
            BodyRecord record = body.finish();
            tally.readObjects++;
            tally.readBytes += copied;
            tally.sentBytes += body.sentBytes();
            // The listing's ETag and date describe what the next run will list; if the body read is not
            // the object listed (it changed in between), no ETag is kept, so the next run reads it again.
            boolean asListed = object.size() == item.size() && etag != null && etag.equals(object.etag());
            return new MirrorIndex.Entry(key, object.size(), asListed ? etag : null, modified, object.described(), record);
        } catch (MinioEndpoint.CallFailure | InterruptedIOException e) {
            throw e; // names its bucket and object already
        } catch (IOException e) {
            throw new IOException("bucket '" + bucket + "': object '" + ObjectKeys.printable(key) + "': "
                    + e.getMessage(), e);
        }
    }

    private long copy(InputStream in, BodyOutput out) throws IOException {
        long copied = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    /** What a bucket's backup did, for the manifest's counts and the log. */
    private static final class Tally {
        long unchanged;
        long resent;
        long readObjects;
        long readBytes;
        long sentBytes;

        Map<String, Long> counts(MirrorIndex.Writer index) {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(MinioDatastore.OBJECTS, index.objects());
            counts.put(MinioDatastore.BYTES, index.bytes());
            counts.put(MinioDatastore.READ_OBJECTS, readObjects);
            counts.put(MinioDatastore.READ_BYTES, readBytes);
            counts.put(MinioDatastore.SENT_BYTES, sentBytes);
            return counts;
        }
    }
}
