package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * The checked temporary collections of a MongoDB restore.
 *
 * <ul>
 *   <li>{@link #swapIn()}: in each restored database, every live collection the backup holds, and
 *       every one it does not hold (but not those it excluded), is renamed aside to
 *       {@code <name>__lifeboat_aside_<stamp>} (a view is created again under that name and
 *       dropped: views cannot be renamed); then each temporary collection takes its live name and
 *       the views are created. Nothing is copied.
 *   <li>{@link #rollBack()}: newest first, each restored collection or view is dropped and each
 *       aside one gets its name back (documents, indexes and options untouched by the renames).
 *   <li>{@link #commit()}: the aside collections are dropped; with {@code keep-replaced} each is
 *       renamed {@code <name>__lifeboat_kept_<stamp>} instead, and the copies earlier restores kept in
 *       those databases are dropped: what is kept is what the newest restore replaced.
 * </ul>
 *
 * <p>A Lifeboat killed between the swap and the commit leaves {@code __lifeboat_aside_}
 * collections; the next restore puts them back ({@link InterruptedSwap}). So that a commit killed
 * half-way can be told from that, a commit first renames every aside copy
 * {@code __lifeboat_done_<stamp>} (or {@code __lifeboat_kept_<stamp>}), and only then drops them.
 * Owns the client; {@link #close()} closes it.
 */
final class PreparedCollections extends AbstractPreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedCollections.class);

    /** What one step of the swap did, undone in reverse order. */
    private enum Kind { MOVED_ASIDE, PUT_IN, VIEW_CREATED }

    private record Change(Kind kind, String database, String name, String aside, boolean view) {
    }

    private final MongoDumpDatastore datastore;
    private final MongoClient client;
    private final List<DatabaseLoad> loads;
    private final Set<String> keptAsExcluded;
    private final boolean keepReplaced;
    private final List<Change> changes = new ArrayList<>();
    private boolean swapStarted;

    PreparedCollections(MongoDumpDatastore datastore, MongoClient client, List<DatabaseLoad> loads, Set<String> keptAsExcluded,
            boolean keepReplaced) {
        super(LOG, datastore.name());
        this.datastore = datastore;
        this.client = client;
        this.loads = loads;
        this.keptAsExcluded = keptAsExcluded;
        this.keepReplaced = keepReplaced;
    }

    @Override
    public void swapIn() throws IOException {
        swapStarted = true;
        String stamp = SwapStamp.now();
        String current = "";
        try {
            for (DatabaseLoad load : loads) {
                MongoDatabase database = client.getDatabase(load.name());
                Map<String, BsonDocument> live = liveEntries(database);
                for (Map.Entry<String, CollectionLoad> collection : load.collections().entrySet()) {
                    current = load.name() + "." + collection.getKey();
                    if (live.containsKey(collection.getKey())) {
                        moveAside(database, live.get(collection.getKey()), stamp);
                    }
                    database.getCollection(collection.getValue().temporary()).renameCollection(
                            new MongoNamespace(load.name(), collection.getKey()));
                    changes.add(new Change(Kind.PUT_IN, load.name(), collection.getKey(), null, false));
                }
                for (Map.Entry<String, CollectionMetadata> view : load.views().entrySet()) {
                    current = load.name() + "." + view.getKey();
                    if (live.containsKey(view.getKey())) {
                        moveAside(database, live.get(view.getKey()), stamp);
                    }
                    BsonDocument create = new BsonDocument("create", new BsonString(view.getKey()));
                    create.putAll(view.getValue().options());
                    database.runCommand(create);
                    changes.add(new Change(Kind.VIEW_CREATED, load.name(), view.getKey(), null, true));
                    database.getCollection(load.viewLoads().get(view.getKey()).temporary()).drop();
                }
                for (Map.Entry<String, BsonDocument> entry : live.entrySet()) {
                    String name = entry.getKey();
                    current = load.name() + "." + name;
                    if (!name.startsWith("system.") && !DumpNames.isLifeboats(name) && !load.collections().containsKey(name)
                            && !load.views().containsKey(name) && !keptAsExcluded.contains(current)) {
                        moveAside(database, entry.getValue(), stamp);
                        LOG.infof("%s: collection '%s' moved aside: the backup does not hold it", datastore.name(), current);
                    }
                }
            }
        } catch (MongoException e) {
            swapFailed();
            throw new IOException("unable to swap in '" + current + "': " + e.getMessage() + "; " + state(), e);
        }
        LOG.infof("%s: %d collections and views replaced by the restored copies; the live ones are kept aside until the restore commits",
                datastore.name(), changes.stream().filter(c -> c.kind() != Kind.MOVED_ASIDE).count());
    }

    private void moveAside(MongoDatabase database, BsonDocument entry, String stamp) {
        String name = entry.getString("name").getValue();
        String aside = DumpNames.aside(database.getName(), name, stamp);
        boolean view = CollectionMetadata.VIEW.equals(entry.getString("type", new BsonString(CollectionMetadata.COLLECTION)).getValue());
        if (view) {
            createView(database, aside, entry.getDocument("options", new BsonDocument()));
            database.getCollection(name).drop();
        } else {
            database.getCollection(name).renameCollection(new MongoNamespace(database.getName(), aside));
        }
        changes.add(new Change(Kind.MOVED_ASIDE, database.getName(), name, aside, view));
    }

    @Override
    public void rollBack() throws IOException {
        settled();
        try {
            for (Change change : newestFirst(changes)) {
                MongoDatabase database = client.getDatabase(change.database());
                if (change.kind() == Kind.MOVED_ASIDE) {
                    move(database, change.aside(), change.name(), change.view());
                } else {
                    database.getCollection(change.name()).drop();
                }
                changes.remove(change);
            }
            for (DatabaseLoad load : loads) {
                load.dropTemporaries();
            }
        } catch (MongoException e) {
            throw new IOException("unable to put the live collections back: " + e.getMessage() + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: the live collections are as they were", datastore.name());
    }

    @Override
    public void commit() throws IOException {
        settled();
        try {
            if (keepReplaced) {
                dropKeptCopies();
            }
            List<Change> done = new ArrayList<>();
            for (Change change : new ArrayList<>(changes)) {
                if (change.kind() != Kind.MOVED_ASIDE) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(change.database());
                String stamp = change.aside().substring(change.aside().length() - SwapStamp.LENGTH);
                String to = keepReplaced ? DumpNames.kept(change.database(), change.name(), stamp)
                        : DumpNames.done(change.database(), change.name(), stamp);
                move(database, change.aside(), to, change.view());
                if (!keepReplaced) {
                    done.add(new Change(Kind.MOVED_ASIDE, change.database(), change.name(), to, change.view()));
                }
                changes.remove(change);
            }
            for (Change change : done) {
                client.getDatabase(change.database()).getCollection(change.aside()).drop();
            }
        } catch (MongoException e) {
            throw new IOException("the restore is in place, but the replaced collections could not all be"
                    + " dropped: " + e.getMessage() + "; " + state(), e);
        }
    }

    /** Drops the copies earlier restores kept in the restored databases: only what this one replaced is kept. */
    private void dropKeptCopies() {
        for (DatabaseLoad load : loads) {
            MongoDatabase database = client.getDatabase(load.name());
            for (String name : database.listCollectionNames().into(new ArrayList<>())) {
                if (DumpNames.isKept(name)) {
                    database.getCollection(name).drop();
                }
            }
        }
    }

    /** Renames a collection, or for a view creates it again under {@code to} and drops {@code from}. */
    static void move(MongoDatabase database, String from, String to, boolean view) {
        if (view) {
            BsonDocument entry = database.listCollections(BsonDocument.class).filter(Filters.eq("name", from)).first();
            createView(database, to, entry == null ? new BsonDocument() : entry.getDocument("options", new BsonDocument()));
            database.getCollection(from).drop();
        } else {
            database.getCollection(from).renameCollection(new MongoNamespace(database.getName(), to));
        }
    }

    private static void createView(MongoDatabase database, String name, BsonDocument options) {
        BsonDocument create = new BsonDocument("create", new BsonString(name));
        create.putAll(options);
        database.runCommand(create);
    }

    @Override
    protected boolean swapBegan() {
        return swapStarted;
    }

    @Override
    protected void discardScratch() {
        MongoRestore.dropQuietly(loads);
    }

    /** Settles as {@link AbstractPreparedRestore#close()} does, then closes the client. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            client.close();
        }
    }

    /** What is where now, for an error message. */
    private String state() {
        List<String> aside = new ArrayList<>();
        List<String> in = new ArrayList<>();
        for (Change change : changes) {
            if (change.kind() == Kind.MOVED_ASIDE) {
                aside.add(change.database() + "." + change.name() + " as " + change.aside());
            } else {
                in.add(change.database() + "." + change.name());
            }
        }
        return "restored copies in place: " + listed(in) + "; live data kept aside: " + listed(aside)
                + "; the others are live as they were";
    }

    /** Live name → its {@code listCollections} entry (name, type, options) in {@code database}. */
    private static Map<String, BsonDocument> liveEntries(MongoDatabase database) {
        Map<String, BsonDocument> entries = new LinkedHashMap<>();
        for (BsonDocument entry : database.listCollections(BsonDocument.class)) {
            entries.put(entry.getString("name").getValue(), entry);
        }
        return entries;
    }
}
