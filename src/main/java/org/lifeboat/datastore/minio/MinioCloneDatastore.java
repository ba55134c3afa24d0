package org.lifeboat.datastore.minio;

import io.minio.messages.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A MinIO (or any S3) server backed up in {@code clone} mode: one tar artifact per bucket through
 * the MinIO Java SDK, restored into scratch buckets that are checked and then copied over the live
 * ones. Counts in the manifest: bucket → {@value #OBJECTS} and {@value #BYTES}.
 */
public final class MinioCloneDatastore implements Datastore {

    /** The item of a bucket's count of objects. */
    static final String OBJECTS = "objects";
    /** The item of a bucket's count of body bytes. */
    static final String BYTES = "bytes";
    /** The MinIO SDK this is built with, for the manifest. */
    static final String SDK_VERSION = "8.6.0";

    private final String name;
    private final MinioSettings settings;
    private final MinioEndpoint endpoint;

    public MinioCloneDatastore(String name, MinioSettings settings) {
        this.name = name;
        this.settings = settings;
        this.endpoint = new MinioEndpoint(name + " (" + settings.endpoint() + ")", settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "minio";
    }

    @Override
    public String mode() {
        return "clone";
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        return new MinioCloneBackup(endpoint, settings).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new MinioCloneRestore(endpoint).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        List<Check> checks = new ArrayList<>();
        List<String> present;
        try {
            present = endpoint.call("list buckets", () -> endpoint.client().listBuckets().stream().map(Bucket::name).toList());
        } catch (IOException e) {
            checks.add(Check.failed(name + ": server", e.getMessage()));
            return checks;
        }
        checks.add(Check.ok(name + ": server", "S3 at " + settings.endpoint() + ": " + present.size() + " buckets visible"));
        for (String wanted : settings.buckets()) {
            if (!present.contains(wanted)) {
                checks.add(Check.failed(name + ": bucket " + wanted, "not found on " + settings.endpoint()));
            }
        }
        return checks;
    }
}
