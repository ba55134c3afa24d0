package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
            InterruptedSwap.settle(datastore.name(), client);
            loadAll(client, recorded, source, loads);
        } catch (IOException | RuntimeException e) {
            dropQuietly(loads);
            client.close();
            if (e instanceof MongoException) {
                throw new IOException("restore failed: " + e.getMessage(), e);
            }
            throw e;
        }
        return new PreparedCollections(datastore, client, loads, keptAsExcluded(recorded), datastore.keepsReplaced());
    }

    /**
     * Loads every database of the set into {@code loads} (as far as it gets, for the cleanup), in
     * the format each artifact's record names: a metadata artifact and the documents artifact
     * right after it per collection, or (sets of earlier versions) one tar per database. A
     * database the backup counted without any artifact (it had no collections) gets an empty load,
     * so that the swap leaves it as empty as it was.
     */
    private void loadAll(MongoClient client, DatastoreRecord recorded, ArtifactSource source, List<DatabaseLoad> loads) throws IOException {
        Map<String, DatabaseLoad> perFile = new LinkedHashMap<>();
        List<ArtifactRecord> artifacts = recorded.artifacts();
        for (int i = 0; i < artifacts.size(); i++) {
            ArtifactRecord artifact = artifacts.get(i);
            String db = artifact.subject();
            Map<String, Long> expected = recorded.counts().getOrDefault(db, Map.of());
            if (MongoDumpDatastore.METADATA_FORMAT.equals(artifact.format())) {
                DatabaseLoad load = perFile.get(db);
                if (load == null) {
                    load = new DatabaseLoad(client.getDatabase(db));
                    perFile.put(db, load);
                    loads.add(load);
                }
                ArtifactRecord bson = i + 1 < artifacts.size() && documentsOf(artifact, artifacts.get(i + 1)) ? artifacts.get(++i) : null;
                load.loadCollection(source, artifact, bson, expected);
            } else if (MongoDumpDatastore.TAR_FORMAT.equals(artifact.format())) {
                DatabaseLoad load = new DatabaseLoad(client.getDatabase(db));
                loads.add(load);
                load.load(source, artifact, expected);
                logLoaded(load);
            } else {
                throw new IOException("artifact '" + artifact.path() + "' has format '" + artifact.format()
                        + "', not " + MongoDumpDatastore.METADATA_FORMAT + (MongoDumpDatastore.BSON_FORMAT.equals(artifact.format())
                        ? " before it (a documents artifact comes right after its collection's metadata)" : ", "
                        + MongoDumpDatastore.BSON_FORMAT + " or " + MongoDumpDatastore.TAR_FORMAT));
            }
        }
        for (DatabaseLoad load : perFile.values()) {
            load.checkNothingMissing(recorded.counts().getOrDefault(load.name(), Map.of()), "the set");
            logLoaded(load);
        }
        for (String db : recorded.counts().keySet()) {
            if (loads.stream().noneMatch(l -> l.name().equals(db))) {
                DatabaseLoad empty = new DatabaseLoad(client.getDatabase(db));
                empty.checkNothingMissing(recorded.counts().get(db), "the set");
                loads.add(empty);
            }
        }
    }

    /** True if {@code next} is the documents artifact of the collection whose metadata is {@code metadata}. */
    private static boolean documentsOf(ArtifactRecord metadata, ArtifactRecord next) {
        String path = metadata.path();
        int stem = path.lastIndexOf(DumpNames.METADATA_SUFFIX);
        return MongoDumpDatastore.BSON_FORMAT.equals(next.format()) && next.subject().equals(metadata.subject()) && stem > 0
                && next.path().equals(path.substring(0, stem) + DumpNames.BSON_SUFFIX + path.substring(stem + DumpNames.METADATA_SUFFIX.length()));
    }

    private void logLoaded(DatabaseLoad load) {
        LOG.infof("%s: database '%s' loaded and checked: %d collections, %d views match the manifest", datastore.name(), load.name(),
                load.collections().size(), load.views().size());
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
