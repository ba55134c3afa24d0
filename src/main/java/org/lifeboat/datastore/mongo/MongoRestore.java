package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * One restore of a MongoDB dump set: every database's collections are loaded into temporary
 * collections ({@code <collection>__lifeboat_restore}) and checked against the manifest
 * ({@link #prepare}); the swap comes later, when every datastore of the set is ready
 * ({@link PreparedCollections}). A restore refuses to start while an earlier one left live data aside.
 */
final class MongoRestore {

    private static final Logger LOG = Logger.getLogger(MongoRestore.class);

    private final MongoDumpDatastore datastore;
    private final MongoEndpoint endpoint;

    MongoRestore(MongoDumpDatastore datastore, MongoEndpoint endpoint) {
        this.datastore = datastore;
        this.endpoint = endpoint;
    }

    /** Loads and checks every database; swaps nothing. The returned restore owns the client. */
    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        MongoClient client = endpoint.connect();
        List<DatabaseLoad> loads = new ArrayList<>();
        try {
            PreparedCollections.refuseLeftAside(client);
            for (ArtifactRecord artifact : recorded.artifacts()) {
                if (!MongoDumpDatastore.FORMAT.equals(artifact.format())) {
                    throw new IOException(datastore.describe() + ": artifact '" + artifact.path() + "' has format '" + artifact.format()
                            + "', not " + MongoDumpDatastore.FORMAT);
                }
                DatabaseLoad load = new DatabaseLoad(datastore.describe(), client.getDatabase(artifact.subject()));
                loads.add(load);
                load.load(source, artifact, recorded.counts().getOrDefault(artifact.subject(), Map.of()));
                LOG.infof("%s: database '%s' loaded and checked: %d collections, %d views match the manifest", datastore.name(),
                        artifact.subject(), load.collections().size(), load.views().size());
            }
        } catch (IOException | RuntimeException e) {
            dropQuietly(loads);
            client.close();
            if (e instanceof MongoException) {
                throw new IOException(datastore.describe() + ": restore failed: " + e.getMessage(), e);
            }
            throw e;
        }
        return new PreparedCollections(datastore, client, loads, keptAsExcluded(recorded), datastore.keepsReplaced());
    }

    /** {@code database.collection} of what the backup left out: a restore leaves those live ones alone. */
    private static Set<String> keptAsExcluded(DatastoreRecord recorded) {
        Set<String> kept = new HashSet<>();
        for (String excluded : recorded.excluded()) {
            if (excluded.startsWith("collection ")) {
                kept.add(excluded.substring("collection ".length()));
            }
        }
        return kept;
    }

    /** Cleanup after a failure: the live collections are untouched; a leftover is dropped by the next restore. */
    static void dropQuietly(List<DatabaseLoad> loads) {
        for (DatabaseLoad load : loads) {
            try {
                load.dropTemporaries();
            } catch (MongoException e) {
                LOG.warnf("unable to drop the temporary collections of database '%s' after the failure: %s", load.name(), e.getMessage());
            }
        }
    }
}
