package org.lifeboat.datastore.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.bson.Document;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.MongoServer;

/**
 * Not a test: what one artifact per file costs a database of many small collections. Fills a
 * stand-in with C collections of 20 small documents (default 300), then, for R rounds (default 3),
 * backs the database up in the current layout (two artifacts per collection) and writes it in the
 * earlier single-tar layout ({@link EarlierTarFormat}), both through the real pipeline into a
 * local store, and prints both times. Arguments: {@code [collections [rounds]]}.
 */
public final class MongoManyCollectionsBench {

    private MongoManyCollectionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int collections = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("lifeboat-mongo-many-");
        try (MongoServer server = MongoServer.start(); var client = server.client()) {
            for (int c = 0; c < collections; c++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    documents.add(new Document("_id", i).append("text", "document " + i + " of collection " + c));
                }
                client.getDatabase("many").getCollection(String.format("c%04d", c)).insertMany(documents);
            }
            MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", new MongoSettings(server.connectionString(), null, null,
                    null, List.of("many"), List.of(), List.of()));
            for (int round = 1; round <= rounds; round++) {
                ArtifactFixture perFile = new ArtifactFixture(Files.createDirectories(work.resolve("files-" + round)));
                long t0 = System.nanoTime();
                DatastoreRecord recorded = perFile.backup(datastore);
                double filesSeconds = (System.nanoTime() - t0) / 1e9;
                ArtifactFixture tar = new ArtifactFixture(Files.createDirectories(work.resolve("tar-" + round)));
                long t1 = System.nanoTime();
                EarlierTarFormat.write(tar.sink("mongo"), client.getDatabase("many"), new LinkedHashMap<>());
                double tarSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("MEASURED MongoDB backup of %d small collections: one artifact per file %.2f s (%d artifacts),"
                        + " earlier single tar %.2f s  round %d%n", collections, filesSeconds, recorded.artifacts().size(), tarSeconds, round);
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
