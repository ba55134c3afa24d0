package org.lifeboat.datastore.minio;

import io.minio.messages.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.AbstractDatastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A MinIO (or any S3) server, through the MinIO Java SDK. In {@code clone} mode each bucket becomes
 * one tar artifact; in {@code rsync} mode only new and changed objects are read, into the
 * datastore's mirror of bodies, and each set holds an index per bucket. Either is restored into
 * scratch buckets that are checked and then copied over the live ones; a restore reads whichever
 * mode the set was written in. Counts in the manifest: bucket → {@value #OBJECTS} and
 * {@value #BYTES}; in rsync mode also {@value #READ_OBJECTS}, {@value #READ_BYTES} and
 * {@value #SENT_BYTES} (objects and bytes read from the server, stored bytes sent).
 */
public final class MinioDatastore extends AbstractDatastore {

    /** The item of a bucket's count of objects. */
    static final String OBJECTS = "objects";
    /** The item of a bucket's count of body bytes. */
    static final String BYTES = "bytes";
    /** Objects read from the server this run (rsync mode). */
    static final String READ_OBJECTS = "read-objects";
    /** Body bytes read from the server this run (rsync mode). */
    static final String READ_BYTES = "read-bytes";
    /** Stored (compressed, encrypted) body bytes sent to the backup server this run (rsync mode). */
    static final String SENT_BYTES = "sent-bytes";
    /** The MinIO SDK this is built with, for the manifest. */
    static final String SDK_VERSION = "8.6.0";

    private final MinioSettings settings;
    private final MinioEndpoint endpoint;

    public MinioDatastore(String name, MinioSettings settings) {
        super(name, "minio", settings.mode());
        this.settings = settings;
        this.endpoint = new MinioEndpoint(name() + " (" + settings.endpoint() + ")", settings);
    }

    @Override
    protected String address() {
        return settings.endpoint();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        if (MinioSettings.RSYNC.equals(settings.mode())) {
            return new MinioRsyncBackup(endpoint, settings).run(sink);
        }
        return new MinioCloneBackup(endpoint, settings).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new MinioRestore(endpoint, settings, keepReplaced()).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        List<Check> checks = new ArrayList<>();
        List<String> present;
        try {
            present = endpoint.call("list buckets", () -> endpoint.client().listBuckets().stream().map(Bucket::name).toList());
        } catch (IOException e) {
            checks.add(Check.failed(name() + ": server", "S3 at " + settings.endpoint() + ": " + e.getMessage()));
            return checks;
        }
        checks.add(Check.ok(name() + ": server", "S3 at " + settings.endpoint() + ": " + present.size() + " buckets visible"));
        for (String wanted : settings.buckets()) {
            if (!present.contains(wanted)) {
                checks.add(Check.failed(name() + ": bucket " + wanted, "not found on " + settings.endpoint()));
            }
        }
        return checks;
    }
}
