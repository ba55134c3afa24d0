package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
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
import org.lifeboat.datastore.RenamedSwapSettling;

/**
 * Settles the swap of a MongoDB restore that a killed Lifeboat left unfinished, before the next
 * restore loads anything: in every database but admin, local and config, the collections' names
 * ({@link DumpNames}) say what it had done, and {@link RenamedSwapSettling} puts the aside
 * collections and views back or finishes a commit killed half-way. An aside collection whose name
 * does not say which collection it was (a hashed long name) stops the restore, naming it.
 */
final class InterruptedSwap {

    private InterruptedSwap() {
    }

    static void settle(String name, MongoClient client) throws IOException {
        List<String> unreadable = new ArrayList<>();
        try {
            Map<String, List<String>> namesByDatabase = new LinkedHashMap<>();
            RenamedSwapSettling.Decided decided = new RenamedSwapSettling.Decided(Set.of(), Set.of());
            for (String databaseName : client.listDatabaseNames().into(new ArrayList<>())) {
                if (MongoSettings.SYSTEM_DATABASES.contains(databaseName)) {
                    continue; // a restore never swaps admin, local or config
                }
                List<String> names = client.getDatabase(databaseName).listCollectionNames().into(new ArrayList<>());
                namesByDatabase.put(databaseName, names);
                decided = decided.and(RenamedSwapSettling.decided(DumpNames.swapNames(databaseName), names));
            }
            // one swap spans every restored database: a commit begun in one is finished in all
            for (Map.Entry<String, List<String>> entry : namesByDatabase.entrySet()) {
                String databaseName = entry.getKey();
                MongoDatabase database = client.getDatabase(databaseName);
                RenamedSwapSettling settling = new RenamedSwapSettling(name, "collection of database '" + databaseName + "'",
                        DumpNames.swapNames(databaseName), new Renames(database));
                settling.settle(entry.getValue(), decided).forEach(aside -> unreadable.add(databaseName + "." + aside));
            }
        } catch (MongoException e) {
            throw new IOException("unable to settle an interrupted earlier restore: " + e.getMessage(), e);
        }
        if (!unreadable.isEmpty()) {
            throw new IOException("an earlier restore was interrupted between its swap and its commit and left the live data it"
                    + " replaced aside in " + unreadable.size() + " collection(s) whose names do not say which collection each was: "
                    + String.join(", ", unreadable.stream().sorted().toList()) + "; nothing is restored until each is resolved by"
                    + " hand, so that none is lost: to put one back, drop the collection it replaced and rename it to that name"
                    + " (db.<aside>.renameCollection(name); a view: create it again from the aside one's options); or, to keep what"
                    + " that restore put in place, drop it");
        }
    }

    private record Renames(MongoDatabase database) implements RenamedSwapSettling.Renames {
        @Override
        public boolean exists(String name) {
            return entry(name) != null;
        }

        @Override
        public void move(String from, String to) throws IOException {
            BsonDocument entry = entry(from);
            if (entry == null) {
                throw new IOException("collection '" + database.getName() + "." + from + "' is gone");
            }
            boolean view = CollectionMetadata.VIEW.equals(entry.getString("type", new BsonString(CollectionMetadata.COLLECTION)).getValue());
            PreparedCollections.move(database, from, to, view);
        }

        @Override
        public void drop(String name) {
            database.getCollection(name).drop();
        }

        private BsonDocument entry(String name) {
            return database.listCollections(BsonDocument.class).filter(Filters.eq("name", name)).first();
        }
    }
}
