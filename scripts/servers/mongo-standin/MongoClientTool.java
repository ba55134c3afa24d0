import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What the demo needs of a mongo shell, which the stand-in does not come with:
 *
 * <pre>
 *   MongoClientTool PORT import DB COLLECTION=FILE...   JSON documents, one a line, from each FILE
 *   MongoClientTool PORT counts                         "db.collection count" per collection
 * </pre>
 *
 * Documents are read as MongoDB Extended JSON ({@code {"$date": ...}} is a date) and inserted in
 * batches of 500; FILE may be {@code /dev/stdin} or a shell's {@code <(...)}. Several collections
 * in one run save a JVM start each. Counts skip admin, local and config.
 */
public final class MongoClientTool {

    private static final int BATCH = 500;

    private MongoClientTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        String uri = "mongodb://127.0.0.1:" + Integer.parseInt(args[0]) + "/?serverSelectionTimeoutMS=10000";
        try (MongoClient client = MongoClients.create(uri)) {
            switch (args[1]) {
                case "import" -> {
                    if (args.length < 4) {
                        usage();
                    }
                    for (String pair : List.of(args).subList(3, args.length)) {
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            usage();
                        }
                        importLines(client.getDatabase(args[2]).getCollection(pair.substring(0, eq)), Path.of(pair.substring(eq + 1)));
                    }
                }
                case "counts" -> counts(client);
                default -> usage();
            }
        }
    }

    private static void importLines(MongoCollection<Document> collection, Path file) throws Exception {
        List<Document> batch = new ArrayList<>();
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    batch.add(Document.parse(line));
                }
                if (batch.size() == BATCH) {
                    total += insert(collection, batch);
                }
            }
        }
        total += insert(collection, batch);
        System.out.println(collection.getNamespace().getFullName() + ": " + total + " documents");
    }

    /** Inserts and empties {@code batch}; returns how many it held. */
    private static int insert(MongoCollection<Document> collection, List<Document> batch) {
        int size = batch.size();
        if (size > 0) {
            collection.insertMany(batch);
            batch.clear();
        }
        return size;
    }

    private static void counts(MongoClient client) {
        for (String db : client.listDatabaseNames()) {
            if (List.of("admin", "local", "config").contains(db)) {
                continue;
            }
            MongoDatabase database = client.getDatabase(db);
            List<String> names = new ArrayList<>();
            database.listCollectionNames().into(names);
            names.stream().sorted().forEach(name ->
                    System.out.println(db + "." + name + " " + database.getCollection(name).countDocuments()));
        }
    }

    private static void usage() {
        System.err.println("usage: MongoClientTool PORT import DB COLLECTION=FILE... | PORT counts");
        System.exit(2);
    }
}
