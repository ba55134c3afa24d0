package org.lifeboat.datastore.minio;

import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.BodyOutput;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.datastore.Mirror;

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
    /** Index entries waiting to be written per transfer: unchanged ones take no transfer, so the window is wider than the pool. */
    private static final int AHEAD_PER_TRANSFER = 32;

    private final MinioEndpoint endpoint;
    private final MinioSettings settings;

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
        SelectedBuckets walk = new SelectedBuckets(endpoint, source);
        walk.backUpEach((bucket, bucketSettings, skipped) -> {
            Tally tally = new Tally();
            try (ArtifactOutput out = mirror.createIndex(MirrorIndex.fileName(bucket), bucket, MirrorIndex.FORMAT);
                    PreviousIndex last = PreviousIndex.open(endpoint, bucket, previous)) {
                MirrorIndex.Writer index = new MirrorIndex.Writer(out, bucket, mirror.folderName(), bucketSettings);
                writeEntries(source, mirror, bucket, last, index, tally, skipped);
                last.checkRest();
                index.finish();
                walk.add(bucket, out.finish(), tally.counts(index));
                LOG.infof("%s: bucket '%s': %d objects, %d bytes; read %d objects (%d bytes), %d unchanged, %d sent again"
                        + " (missing from the mirror); %d bytes sent", endpoint.describe(), bucket, index.objects(), index.bytes(),
                        tally.readObjects, tally.readBytes, tally.unchanged, tally.resent, tally.sentBytes);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("client", "minio-java " + MinioDatastore.SDK_VERSION);
        previous.ifPresent(p -> versions.put("previous-set", p.set()));
        return walk.result(versions);
    }

    /**
     * Every listed object's index entry, in listing order: an unchanged one decided here, a new
     * body sent by one of the transfers (at most {@value #AHEAD_PER_TRANSFER} entries per transfer
     * wait to be written).
     */
    private void writeEntries(SourceObjects source, Mirror mirror, String bucket, PreviousIndex last, MirrorIndex.Writer index,
            Tally tally, long[] skipped) throws IOException {
        try (Transfers transfers = new Transfers(bucket, endpoint, settings.transfers())) {
            OrderedTransfers<Sent> ordered = new OrderedTransfers<>(transfers, AHEAD_PER_TRANSFER * settings.transfers(), sent -> {
                if (sent.entry() != null) {
                    index.add(sent.entry());
                }
                tally.add(sent);
            });
            for (Item item : source.list(bucket, skipped)) {
                String key = item.objectName();
                String etag = SourceObjects.etag(item.etag());
                String modified = item.lastModified() == null ? null : item.lastModified().toInstant().toString();
                MirrorIndex.Entry before = last.find(key);
                if (before != null && before.sameAs(item.size(), etag, modified)) {
                    if (mirror.holds(before.body())) {
                        mirror.refer(before.body());
                        tally.unchanged++;
                        ordered.add(new Sent(before, false, 0, 0));
                        continue;
                    }
                    LOG.warnf("%s: bucket '%s': object '%s' is unchanged but its body %s is missing from the mirror %s (or has"
                            + " another size): sending it again", endpoint.describe(), bucket, ObjectKeys.printable(key),
                            before.body().name(), mirror.folderName());
                    tally.resent++;
                }
                ordered.start(() -> SourceObjects.named(bucket, key, () -> send(source, mirror, bucket, item, etag, modified)));
            }
            ordered.finish();
        }
    }

    /**
     * What one object gave the index.
     *
     * @param entry its index entry, or null if it was deleted since it was listed
     * @param read whether its body was read (and sent)
     */
    private record Sent(MirrorIndex.Entry entry, boolean read, long readBytes, long sentBytes) {
    }

    /** Reads one object and stores its body in the mirror (on a transfer's thread). */
    private static Sent send(SourceObjects source, Mirror mirror, String bucket, Item item, String etag, String modified)
            throws IOException {
        Optional<SourceObjects.Opened> opened = source.open(bucket, item.objectName());
        if (opened.isEmpty()) {
            return new Sent(null, false, 0, 0);
        }
        try (SourceObjects.Opened object = opened.get(); BodyOutput body = mirror.createBody()) {
            long copied = copy(object.body(), body, object.size());
            if (copied != object.size()) {
                throw new IOException("the server sent " + copied + " bytes where Content-Length said " + object.size());
            }
            BodyRecord record = body.finish();
            // The listing's ETag and date describe what the next run will list; if the body read is not
            // the object listed (it changed in between), no ETag is kept, so the next run reads it again.
            boolean asListed = object.size() == item.size() && etag != null && etag.equals(object.etag());
            return new Sent(new MirrorIndex.Entry(item.objectName(), object.size(), asListed ? etag : null, modified,
                    object.described(), record), true, copied, body.sentBytes());
        }
    }

    private static long copy(InputStream in, BodyOutput out, long size) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER, size + 1))];
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

        void add(Sent sent) {
            if (sent.read()) {
                readObjects++;
                readBytes += sent.readBytes();
                sentBytes += sent.sentBytes();
            }
        }

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
