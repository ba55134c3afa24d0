package org.lifeboat.datastore.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.ProcessMemory;

/**
 * Not a test: the MongoDB row of {@code scripts/bench}. Fills a stand-in server with N documents
 * of about 1 KB (default 1 000 000), backs the database up through the real pipeline into a local
 * store, and prints throughput (MB/s of BSON), peak heap and peak RSS of this JVM.
 */
public final class MongoDumpBench {

    private MongoDumpBench() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("lifeboat-mongo-bench-");
        try (MongoServer server = MongoServer.start()) {
            var events = server.client().getDatabase("bench").getCollection("events");
            Random random = new Random(1);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                byte[] payload = new byte[900];
                random.nextBytes(payload);
                batch.add(new Document("_id", i).append("n", (long) i).append("kind", "event-" + (i % 17))
                        .append("payload", java.util.HexFormat.of().formatHex(payload, 0, 450)));
                if (batch.size() == 1000) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                events.insertMany(batch);
            }
            ArtifactFixture pipeline = new ArtifactFixture(work);
            MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", new MongoSettings(server.connectionString(), null, null,
                    null, List.of("bench"), List.of(), List.of()));
            System.gc();
            long t0 = System.nanoTime();
            DatastoreRecord recorded = pipeline.backup(datastore);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long plain = recorded.artifacts().stream().mapToLong(ArtifactRecord::plainBytes).sum();
            long stored = recorded.artifacts().stream().mapToLong(ArtifactRecord::storedBytes).sum();
            System.out.printf("MEASURED %-52s %8.1f s  %7.1f MB/s  (%d documents, %.0f MB of BSON, %.0f MB stored)"
                    + "  peak heap %d MB, peak RSS %s%n", "MongoDB backup (driver | tar | zstd | age)", seconds,
                    plain / 1e6 / seconds, recorded.counts().get("bench").get("events"), plain / 1e6, stored / 1e6,
                    ProcessMemory.peakHeap() >> 20, ProcessMemory.vmHwm());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
