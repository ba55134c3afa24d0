package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.AbstractDatastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;

/** A MongoDB deployment backed up and restored with the Java driver, in mongodump's layout. */
public final class MongoDumpDatastore extends AbstractDatastore {

    /** The artifact format of a collection's {@code <db>/<collection>.metadata.json}: mongodump's metadata file. */
    static final String METADATA_FORMAT = "mongodump-metadata-json";
    /** The artifact format of a collection's {@code <db>/<collection>.bson}: its documents, one after another. */
    static final String BSON_FORMAT = "mongodump-bson";
    /** The earlier format (read, no longer written): a tar of one database's mongodump folder. */
    static final String TAR_FORMAT = "mongodump-tar";

    private final MongoSettings settings;
    private final MongoEndpoint endpoint;

    public MongoDumpDatastore(String name, MongoSettings settings) {
        super(name, "mongodb", "dump");
        this.settings = settings;
        this.endpoint = new MongoEndpoint(settings);
    }

    @Override
    protected String address() {
        return endpoint.toString();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        return new MongoBackup(this, endpoint, settings).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new MongoRestore(this, endpoint).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        List<Check> checks = new ArrayList<>();
        try (MongoClient client = endpoint.connect()) {
            checks.add(Check.ok(name() + ": server", "MongoDB " + serverVersion(client) + " at " + endpoint));
            List<String> present = client.listDatabaseNames().into(new ArrayList<>());
            for (String wanted : settings.databases()) {
                if (!present.contains(wanted)) {
                    checks.add(Check.ok(name() + ": database " + wanted, "no collections yet on " + endpoint + ": backed up as empty"));
                }
            }
        } catch (MongoException e) {
            checks.add(Check.failed(name() + ": server", "unable to reach " + endpoint + ": " + e.getMessage()));
        }
        return checks;
    }

    /** The databases to back up: the configured ones (present or not) or all but the system ones, less the excluded. */
    List<String> selectDatabases(List<String> present) {
        List<String> selected = new ArrayList<>(settings.databases().isEmpty()
                ? present.stream().filter(d -> !MongoSettings.SYSTEM_DATABASES.contains(d)).toList()
                : settings.databases());
        selected.removeAll(Set.copyOf(settings.excludeDatabases()));
        return selected;
    }

    /** Whether a committed restore keeps the newest replaced copy ({@code lifeboat.restore.keep-replaced}). */
    boolean keepsReplaced() {
        return keepReplaced();
    }

    static String serverVersion(MongoClient client) {
        return client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version");
    }

    static String driverVersion() {
        String version = MongoClient.class.getPackage().getImplementationVersion();
        return "mongodb-driver-sync " + (version == null ? "unknown" : version);
    }
}
