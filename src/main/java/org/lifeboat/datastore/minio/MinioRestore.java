package org.lifeboat.datastore.minio;

import io.minio.PutObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@link PreparedRestore#swapIn()}.
 */
final class MinioRestore {

    private static final Logger LOG = Logger.getLogger(MinioRestore.class);

    private final MinioEndpoint endpoint;
    private final ScratchBuckets scratches;

    MinioRestore(MinioEndpoint endpoint) {
        this.endpoint = endpoint;
        this.scratches = new ScratchBuckets(endpoint);
    }

    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        Map<String, PreparedBuckets.Loaded> loaded = new LinkedHashMap<>();
        try {
            for (ArtifactRecord artifact : recorded.artifacts()) {
                if (Mirror.REFERENCES_FORMAT.equals(artifact.format())) {
                    continue; // the bodies the indexes name: for prune and verify
                }
                if (!BucketArchive.FORMAT.equals(artifact.format()) && !MirrorIndex.FORMAT.equals(artifact.format())) {
                    throw new IOException(endpoint.describe() + ": artifact '" + artifact.path() + "' has format '"
                            + artifact.format() + "', not " + BucketArchive.FORMAT + " or " + MirrorIndex.FORMAT);
                }
                String bucket = artifact.subject();
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
        return new PreparedBuckets(endpoint, scratches, loaded);
    }

    private BucketArchiveReader.Contents load(ArtifactRecord artifact, String bucket, String scratch, ArtifactSource source)
            throws IOException {
        String what = "restore of bucket '" + bucket + "' from '" + artifact.path() + "' into '" + scratch + "'";
        try (InputStream in = source.open(artifact)) {
            if (MirrorIndex.FORMAT.equals(artifact.format())) {
                return loadFromMirror(in, bucket, scratch, source);
            }
            return new BucketArchiveReader(bucket).read(in, (key, size, headers, metadata, body) ->
                    put(scratch, key, size, headers, metadata, body));
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(endpoint.describe())) {
                throw e;
            }
            throw new IOException(endpoint.describe() + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /** Every entry of an rsync index, its body read from the mirror and checked against the index's digests. */
    private BucketArchiveReader.Contents loadFromMirror(InputStream in, String bucket, String scratch, ArtifactSource source)
            throws IOException {
        MirrorIndex.Reader index = new MirrorIndex.Reader(in, bucket);
        try {
            while (index.hasNext()) {
                MirrorIndex.Entry entry = index.next();
                try (InputStream body = source.openBody(entry.body())) {
                    put(scratch, entry.key(), entry.size(), entry.headers(), entry.metadata(), body);
                    body.transferTo(OutputStream.nullOutputStream()); // to its end: the body's digests are checked there
                } catch (IOException e) {
                    throw new IOException("object '" + ObjectKeys.printable(entry.key()) + "' (body " + entry.body().name() + "): "
                            + e.getMessage(), e);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        MirrorIndex.Summary summary = index.finish();
        in.transferTo(OutputStream.nullOutputStream());
        return new BucketArchiveReader.Contents(index.settings(), summary.objects(), summary.bytes());
    }

    private void put(String scratch, String key, long size, Map<String, String> headers, Map<String, String> metadata, InputStream body)
            throws IOException {
        Map<String, String> extra = new LinkedHashMap<>(headers);
        String type = extra.remove("Content-Type");
        PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(scratch).object(key).stream(body, size, -1)
                .headers(extra).userMetadata(metadata);
        if (type != null) {
            put.contentType(type);
        }
        endpoint.call("bucket '" + scratch + "': write object '" + ObjectKeys.printable(key) + "'",
                () -> endpoint.client().putObject(put.build()));
    }

    /** Counts from the artifact, the manifest and the scratch bucket's own listing must all agree. */
    private void check(String bucket, String scratch, BucketArchiveReader.Contents contents, Map<String, Long> recorded)
            throws IOException {
        if (recorded == null) {
            throw new IOException(endpoint.describe() + ": the manifest has no counts for bucket '" + bucket + "'");
        }
        Long objects = recorded.get(MinioDatastore.OBJECTS);
        Long bytes = recorded.get(MinioDatastore.BYTES);
        if (!Objects.equals(objects, contents.objects()) || !Objects.equals(bytes, contents.bytes())) {
            throw new IOException(endpoint.describe() + ": restored bucket '" + bucket + "' does not match the manifest: the backup"
                    + " holds " + contents.objects() + " objects of " + contents.bytes() + " bytes, manifest records " + objects
                    + " objects of " + bytes + " bytes");
        }
        long[] listed = scratches.count(scratch);
        if (listed[0] != contents.objects() || listed[1] != contents.bytes()) {
            throw new IOException(endpoint.describe() + ": scratch bucket '" + scratch + "' lists " + listed[0] + " objects of "
                    + listed[1] + " bytes after loading " + contents.objects() + " objects of " + contents.bytes() + " bytes");
        }
        LOG.infof("%s: bucket '%s' restored into '%s' and checked: %d objects, %d bytes match the manifest and every body its"
                + " SHA-256", endpoint.describe(), bucket, scratch, contents.objects(), contents.bytes());
    }
}
