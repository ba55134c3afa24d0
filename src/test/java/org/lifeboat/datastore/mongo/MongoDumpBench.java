package org.lifeboat.datastore.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.ProcessMemory;

/**
 * Not a test: the MongoDB row of {@code scripts/bench}. Fills a stand-in server with N documents
 * of about 1 KB (default 1 000 000), then, for each of R rounds (default 1), reads the collection
 * with a bare cursor (what the stand-in can give) and backs the database up through the real
 * pipeline into a local store, and prints both throughputs (MB/s of BSON), their ratio, and the
 * backup's peak heap and peak RSS (the kernel's peak is reset just before it, so the figure is the
 * backup's, not the loading's). Arguments: {@code [documents [rounds]]}.
 */
public final class MongoDumpBench {

    private MongoDumpBench() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
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
            MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", new MongoSettings(server.connectionString(), null, null,
                    null, List.of("bench"), List.of(), List.of()));
            for (int round = 1; round <= rounds; round++) {
                System.gc();
                double[] cpu0 = cpuSeconds();
                long t0 = System.nanoTime();
                long cursorBytes = 0;
                long cursorDocuments = 0;
                try (var client = server.client()) {
                    for (RawBsonDocument document : client.getDatabase("bench").getCollection("events", RawBsonDocument.class).find()
                            .batchSize(CollectionDump.BATCH_SIZE)) {
                        cursorBytes += document.getByteBuffer().remaining();
                        cursorDocuments++;
                    }
                }
                double cursorSeconds = (System.nanoTime() - t0) / 1e9;
                double[] cpu1 = cpuSeconds();
                System.out.printf("MEASURED %-52s %8.1f s  %7.1f MB/s  (%d documents, %.0f MB of BSON)  CPU %.1f s here, %.1f s stand-in"
                        + "  round %d%n", "MongoDB cursor alone (driver, nothing written)", cursorSeconds, cursorBytes / 1e6 / cursorSeconds,
                        cursorDocuments, cursorBytes / 1e6, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], round);

                Path into = Files.createDirectories(work.resolve("round-" + round));
                ArtifactFixture pipeline = new ArtifactFixture(into);
                System.gc();
                ProcessMemory.resetPeakHeap();
                Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // the kernel's peak RSS starts again from now
                String rssBefore = ProcessMemory.vmHwm();
                double[] cpu2 = cpuSeconds();
                long t1 = System.nanoTime();
                DatastoreRecord recorded = pipeline.backup(datastore);
                double seconds = (System.nanoTime() - t1) / 1e9;
                double[] cpu3 = cpuSeconds();
                long plain = recorded.artifacts().stream().mapToLong(ArtifactRecord::plainBytes).sum();
                long stored = recorded.artifacts().stream().mapToLong(ArtifactRecord::storedBytes).sum();
                System.out.printf("MEASURED %-52s %8.1f s  %7.1f MB/s  (%d documents, %.0f MB of BSON, %.0f MB stored)"
                        + "  peak heap %d MB, peak RSS %s (%s before)  %.2f x the cursor alone  CPU %.1f s here, %.1f s stand-in  round %d%n",
                        "MongoDB backup (driver | zstd | age, per collection)", seconds, plain / 1e6 / seconds,
                        recorded.counts().get("bench").get("events"), plain / 1e6, stored / 1e6, ProcessMemory.peakHeap() >> 20,
                        ProcessMemory.vmHwm(), rssBefore, (plain / seconds) / (cursorBytes / cursorSeconds), cpu3[0] - cpu2[0],
                        cpu3[1] - cpu2[1], round);
                delete(into);
            }
        } finally {
            delete(work);
        }
    }

    /** CPU seconds so far of this JVM and of its child processes (the stand-in). */
    private static double[] cpuSeconds() {
        double self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double children = ProcessHandle.current().children().mapToDouble(p -> p.info().totalCpuDuration()
                .map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
        return new double[] {self, children};
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
