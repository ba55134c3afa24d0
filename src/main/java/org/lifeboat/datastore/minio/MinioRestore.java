package org.lifeboat.datastore.minio;

import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * One restore of a MinIO set, of either mode: every bucket is loaded into its scratch bucket
 * ({@link RestoreNames}) from its clone archive, or from its rsync index and the mirror's bodies,
 * and checked: each body's size and SHA-256 as it streams, the object and byte counts against the
 * manifest, and the scratch bucket's listing against both. Live buckets are not touched until
 * {@link PreparedRestore#swapIn()} ({@link PreparedBuckets}). A restore first settles a swap an
 * earlier, killed restore left, from its marker bucket's journal.
 */
final class MinioRestore {

    private static final Logger LOG = Logger.getLogger(MinioRestore.class);

    /** The largest object one PUT may write; the SDK writes larger ones in parts, the raw requests cannot. */
    private static final long SINGLE_PUT_LIMIT = 5L * 1024 * 1024 * 1024;

    private final MinioEndpoint endpoint;
    private final MinioSettings settings;
    private final ScratchBuckets scratches;
    private final boolean keepReplaced;

    MinioRestore(MinioEndpoint endpoint, MinioSettings settings, boolean keepReplaced) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.keepReplaced = keepReplaced;
        this.scratches = new ScratchBuckets(endpoint);
    }

    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        PreparedBuckets.settleInterrupted(endpoint, scratches, keepReplaced);
        RestoreScope scope = new RestoreScope(settings, recorded);
        Map<String, PreparedBuckets.Loaded> loaded = new LinkedHashMap<>();
        List<String> inSet = new ArrayList<>();
        try {
            for (ArtifactRecord artifact : recorded.artifacts()) {
                if (Mirror.REFERENCES_FORMAT.equals(artifact.format())) {
                    continue; // the bodies the indexes name: for prune and verify
                }
                if (!BucketArchive.FORMAT.equals(artifact.format()) && !MirrorIndex.FORMAT.equals(artifact.format())) {
                    throw new IOException("artifact '" + artifact.path() + "' has format '"
                            + artifact.format() + "', not " + BucketArchive.FORMAT + " or " + MirrorIndex.FORMAT);
                }
                String bucket = artifact.subject();
                inSet.add(bucket);
                if (!scope.manages(bucket)) {
                    LOG.warnf("%s: bucket '%s' of the set is not restored: it is outside the configured scope (buckets %s,"
                            + " exclude-buckets %s)", endpoint.describe(), bucket, settings.buckets().isEmpty() ? "all"
                            : settings.buckets(), settings.excludeBuckets());
                    continue;
                }
                String scratch = RestoreNames.scratch(bucket);
                loaded.put(bucket, new PreparedBuckets.Loaded(scratch, null));
                scratches.createEmpty(scratch);
                BucketArchiveReader.Contents contents = load(artifact, bucket, scratch, source);
                check(bucket, scratch, contents, recorded.counts().get(bucket));
                loaded.put(bucket, new PreparedBuckets.Loaded(scratch, contents.settings()));
            }
        } catch (IOException | RuntimeException e) {
            for (PreparedBuckets.Loaded bucket : loaded.values()) {
                scratches.removeQuietly(bucket.scratch());
            }
            throw e;
        }
        return new PreparedBuckets(endpoint, scratches, loaded, scope, Set.copyOf(inSet), keepReplaced);
    }

    private BucketArchiveReader.Contents load(ArtifactRecord artifact, String bucket, String scratch, ArtifactSource source)
            throws IOException {
        String what = "restore of bucket '" + bucket + "' from '" + artifact.path() + "' into '" + scratch + "'";
        try (InputStream in = source.open(artifact)) {
            if (MirrorIndex.FORMAT.equals(artifact.format())) {
                return loadFromMirror(in, bucket, scratch, source);
            }
            KeyDigest keys = new KeyDigest();
            BucketArchiveReader.Contents contents;
            try (Transfers transfers = new Transfers(scratch, endpoint, settings.transfers())) {
                int inMemory = Transfers.inMemoryLimit(settings.transfers() + 1);
                contents = new BucketArchiveReader(bucket).read(in, (key, size, described, body) -> {
                    keys.add(key);
                    if (size <= inMemory) {
                        byte[] bytes = body.readNBytes((int) size); // the reader checks the size and SHA-256 as it goes on
                        transfers.submit(() -> put(scratch, key, bytes.length, described, new ByteArrayInputStream(bytes)));
                    } else {
                        transfers.runHere(() -> put(scratch, key, size, described, body));
                    }
                });
                transfers.awaitAll();
            }
            return contents.withKeys(keys);
        } catch (MinioEndpoint.CallFailure | InterruptedIOException e) {
            throw e; // names its bucket and object already
        } catch (IOException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    /** Every entry of an rsync index, its body read from the mirror and checked against the index's digests. */
    private BucketArchiveReader.Contents loadFromMirror(InputStream in, String bucket, String scratch, ArtifactSource source)
            throws IOException {
        MirrorIndex.Reader index = new MirrorIndex.Reader(in, bucket);
        KeyDigest keys = new KeyDigest();
        int inMemory = Transfers.inMemoryLimit(settings.transfers());
        try (Transfers transfers = new Transfers(scratch, endpoint, settings.transfers())) {
            while (index.hasNext()) {
                MirrorIndex.Entry entry = index.next();
                keys.add(entry.key());
                if (entry.size() <= inMemory) {
                    transfers.submit(() -> loadBody(scratch, entry, source));
                } else {
                    transfers.runHere(() -> loadBody(scratch, entry, source)); // the SDK holds a part of it in memory: one at a time
                }
            }
            transfers.awaitAll();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        MirrorIndex.Summary summary = index.finish();
        in.transferTo(OutputStream.nullOutputStream());
        return new BucketArchiveReader.Contents(index.settings(), summary.objects(), summary.bytes(), keys.hex());
    }

    /** Reads one body from the mirror, checked against the index's digests, into the scratch bucket (on a transfer's thread). */
    private Void loadBody(String scratch, MirrorIndex.Entry entry, ArtifactSource source) throws IOException {
        try (InputStream body = source.openBody(entry.body())) {
            put(scratch, entry.key(), entry.size(), entry.described(), body);
            body.transferTo(OutputStream.nullOutputStream()); // to its end: the body's digests are checked there
            return null;
        } catch (IOException e) {
            throw new IOException("object '" + ObjectKeys.printable(entry.key()) + "' (body " + entry.body().name() + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes one object into the scratch bucket: through the SDK when it can send the key and every
     * header exactly, else through {@link S3RawRequests} (a key with a {@code .} or {@code ..}
     * segment, header bytes outside US-ASCII), so that the object comes back as the backup read it.
     */
    private Void put(String scratch, String key, long size, ObjectHeaders described, InputStream body) throws IOException {
        String what = "bucket '" + scratch + "': write object '" + ObjectKeys.printable(key) + "'";
        if (described.asciiOnly() && !ObjectKeys.sdkRefuses(key)) {
            Map<String, String> extra = new LinkedHashMap<>(described.headers());
            String type = extra.remove("Content-Type");
            PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(scratch).object(key).stream(body, size, -1)
                    .headers(extra).userMetadata(described.metadata());
            if (type != null) {
                put.contentType(type);
            }
            endpoint.call(what, () -> endpoint.client().putObject(put.build()));
            return null;
        }
        if (size > SINGLE_PUT_LIMIT) {
            throw new IOException(what + ": " + size + " bytes, and its key or header bytes need a request the SDK cannot make,"
                    + " which writes at most " + SINGLE_PUT_LIMIT + " bytes in one PUT");
        }
        return endpoint.call(what, () -> {
            endpoint.raw().put(scratch, key, described.toWire(), body, size);
            return null;
        });
    }

    /** Counts from the artifact, the manifest and the scratch bucket's own listing must all agree. */
    private void check(String bucket, String scratch, BucketArchiveReader.Contents contents, Map<String, Long> recorded)
            throws IOException {
        if (recorded == null) {
            throw new IOException("the manifest has no counts for bucket '" + bucket + "'");
        }
        Long objects = recorded.get(MinioDatastore.OBJECTS);
        Long bytes = recorded.get(MinioDatastore.BYTES);
        if (!Objects.equals(objects, contents.objects()) || !Objects.equals(bytes, contents.bytes())) {
            throw new IOException("restored bucket '" + bucket + "' does not match the manifest: the backup"
                    + " holds " + contents.objects() + " objects of " + contents.bytes() + " bytes, manifest records " + objects
                    + " objects of " + bytes + " bytes");
        }
        ScratchBuckets.Listing listed = scratches.count(scratch);
        if (listed.objects() != contents.objects() || listed.bytes() != contents.bytes()) {
            throw new IOException("scratch bucket '" + scratch + "' lists " + listed.objects() + " objects of "
                    + listed.bytes() + " bytes after loading " + contents.objects() + " objects of " + contents.bytes() + " bytes");
        }
        if (!listed.keysSha256().equals(contents.keysSha256())) {
            throw new IOException("scratch bucket '" + scratch + "' lists other keys than the " + contents.objects() + " loaded into it:"
                    + " the server stored some under other names (S3Proxy's filesystem backend, for one, folds '//' and '/./'"
                    + " and so cannot hold such keys)");
        }
        LOG.infof("%s: bucket '%s' restored into '%s' and checked: %d objects, %d bytes match the manifest and every body its"
                + " SHA-256", endpoint.describe(), bucket, scratch, contents.objects(), contents.bytes());
    }
}
