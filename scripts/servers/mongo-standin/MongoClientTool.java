import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What the demo needs of a mongo shell, which the stand-in does not come with:
 *
 * <pre>
 *   MongoClientTool PORT import DB COLLECTION [INDEX_FIELD...]   JSON documents, one a line, on stdin
 *   MongoClientTool PORT counts                                  "db.collection count" per collection
 * </pre>
 *
 * Documents are read as MongoDB Extended JSON ({@code {"$date": ...}} is a date) and inserted in
 * batches of 500; each INDEX_FIELD gets an ascending index. Counts skip admin, local and config.
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
                    importLines(client.getDatabase(args[2]).getCollection(args[3]), List.of(args).subList(4, args.length));
                }
                case "counts" -> counts(client);
                default -> usage();
            }
        }
    }

    private static void importLines(MongoCollection<Document> collection, List<String> indexFields) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Document> batch = new ArrayList<>();
        long total = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            batch.add(Document.parse(line));
            if (batch.size() == BATCH) {
                collection.insertMany(batch);
                total += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
            total += batch.size();
        }
        for (String field : indexFields) {
            collection.createIndex(new Document(field, 1));
        }
        System.out.println(collection.getNamespace().getFullName() + ": " + total + " documents");
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
        System.err.println("usage: MongoClientTool PORT import DB COLLECTION [INDEX_FIELD...] | PORT counts");
        System.exit(2);
    }
}
