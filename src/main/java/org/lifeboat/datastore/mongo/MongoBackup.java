package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * One backup of a MongoDB deployment: each selected database as a mongodump folder, one artifact
 * per file ({@link DatabaseDump}); every database is recorded in the counts, also one without
 * collections, so that a restore knows it was backed up. Each
 * collection is read by its own cursor, so counts are exact for what was written but collections
 * are not read at one common point in time (as with mongodump without {@code --oplog}).
 */
final class MongoBackup {

    private static final Logger LOG = Logger.getLogger(MongoBackup.class);

    private final MongoDumpDatastore datastore;
    private final MongoEndpoint endpoint;
    private final MongoSettings settings;

    MongoBackup(MongoDumpDatastore datastore, MongoEndpoint endpoint, MongoSettings settings) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.settings = settings;
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        try (MongoClient client = endpoint.connect()) {
            Map<String, String> versions = new LinkedHashMap<>();
            List<String> present;
            try {
                versions.put("server", MongoDumpDatastore.serverVersion(client));
                present = client.listDatabaseNames().into(new ArrayList<>());
            } catch (MongoException e) {
                throw new IOException("unable to list databases: " + e.getMessage(), e);
            }
            versions.put("driver", MongoDumpDatastore.driverVersion());
            List<String> databases = datastore.selectDatabases(present);
            List<String> excluded = new ArrayList<>(present.stream().filter(d -> !databases.contains(d)).map(d -> "database " + d).toList());
            List<ArtifactRecord> artifacts = new ArrayList<>();
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            Set<String> excludedCollections = Set.copyOf(settings.excludeCollections());
            for (String database : databases) {
                if (!present.contains(database)) {
                    LOG.warnf("%s: database '%s' has no collections on %s; backed up as empty", datastore.name(), database, endpoint);
                }
                Map<String, Long> collections = new LinkedHashMap<>();
                DatabaseDump dump = new DatabaseDump(client.getDatabase(database), excludedCollections);
                dump.write(sink, artifacts, collections, excluded);
                counts.put(database, collections);
            }
            return new BackupResult(versions, artifacts, counts, excluded);
        }
    }
}
