package org.lifeboat.datastore.minio;

import io.minio.ListObjectsArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.repository.StoreArtifactSource;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.ProcessMemory;
import org.lifeboat.testing.S3Server;

/**
 * Not a test: the MinIO rsync row of {@code scripts/bench}. Fills an S3Proxy with N objects
 * (default 10 000) of mixed sizes in three buckets, then backs it up in rsync mode through the real
 * pipeline into a local store three times: a first run, a run with nothing changed, and a run after
 * 1 % of the objects were overwritten and a few deleted and added. Prints, per run, the wall time of
 * {@code backup}, objects listed and read, body bytes read, stored bytes sent and the store's
 * growth; then restores the last set into a second S3Proxy and compares the listings. Exits 1
 * unless the no-change run read and sent nothing, the third run read exactly the overwritten and
 * added objects and the restored buckets list what the source does (or if anything fails). Run
 * after {@code mvn test-compile} with {@code java -Xmx256m -cp target/test-classes:target/classes:<deps>
 * org.lifeboat.datastore.minio.MinioRsyncBench [objects]} (at least a few hundred: ten are deleted);
 * the figures are the lines starting with {@code MEASURED}. Objects move {@code -Dlifeboat.minio.transfers=N} at once
 * (default {@value MinioSettings#DEFAULT_TRANSFERS}).
 */
public final class MinioRsyncBench {

    private static final List<String> BUCKETS = List.of("bench-a", "bench-b", "bench-c");
    private static final String[] SETS = {"prod/2026-11-01", "prod/2026-11-02", "prod/2026-11-03"};
    private static final double NO_CHANGE_TARGET = 0.05;
    private static final int DELETED = 10;
    private static final int ADDED = 10;

    private MinioRsyncBench() {
    }

    /** One object of the source server. */
    private record Key(String bucket, String key) {
    }

    /** What one backup run did, summed over the buckets. */
    private record Run(DatastoreRecord record, double seconds, long listed, long read, long readBytes, long sent, long storeGrowth,
            long storeFiles, long setFolderBytes, long threads, double cpuSeconds, double gcSeconds, long peakHeap) {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> failures = new ArrayList<>();
        try {
            measure(count, failures);
        } catch (Exception e) {
            e.printStackTrace();
            failures.add("the bench stopped: " + e);
        }
        for (String failure : failures) {
            say("MinIO rsync FAILED: %s", failure);
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The three backups and the restore; what does not hold goes into {@code failures}. */
    private static void measure(int count, List<String> failures) throws Exception {
        Path work = Files.createTempDirectory("lifeboat-minio-rsync-bench-");
        try (S3Server source = S3Server.start()) {
            S3Fixture production = new S3Fixture(source);
            Random random = new Random(42);
            Map<Key, Long> objects = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                objects.put(new Key(BUCKETS.get(i % BUCKETS.size()), String.format("d%02d/obj-%05d", i % 50, i)), size(random));
            }
            long t0 = System.nanoTime();
            put(production, objects, 1);
            say("MinIO rsync source: %d objects in %d buckets, %.1f MiB (%d of 1-64 KiB, %d of 256 KiB-2 MiB), filled in %.0f s",
                    count, BUCKETS.size(), mib(sum(objects)), objects.values().stream().filter(s -> s <= 64 << 10).count(),
                    objects.values().stream().filter(s -> s > 64 << 10).count(), seconds(t0));

            ArtifactFixture artifacts = new ArtifactFixture(work);
            MinioDatastore datastore = new MinioDatastore("minio", production.settings(MinioSettings.RSYNC, List.of()).withTransfers(MinioCloneBench.transfers()));
            Run first = backup("first run", artifacts, datastore, 0, null);
            check(failures, first.listed() == count && first.read() == count,
                    "the first run listed " + first.listed() + " and read " + first.read() + " objects, not " + count);
            Run same = backup("no-change run", artifacts, datastore, 1, first.record());
            check(failures, same.sent() == 0 && same.read() == 0 && same.readBytes() == 0 && same.listed() == count,
                    "the no-change run listed " + same.listed() + " objects, read " + same.read() + " (" + same.readBytes()
                            + " bytes) and sent " + same.sent() + " bytes; expected " + count + " listed, nothing read or sent");
            double ratio = same.seconds() / first.seconds();
            t0 = System.nanoTime();
            listing(production);
            double listing = seconds(t0);
            say("MinIO rsync no-change/first run time: %.3f (%.2f s / %.1f s; target <= %.2f: %s); stored bytes sent by the"
                    + " no-change run: %d; listing the %d buckets alone takes %.2f s", ratio, same.seconds(), first.seconds(),
                    NO_CHANGE_TARGET, ratio <= NO_CHANGE_TARGET ? "met" : "MISSED", same.sent(), BUCKETS.size(), listing);

            Map<Key, Long> expectedRead = change(production, objects, random, count / 100);
            Run changed = backup("1 % changed run", artifacts, datastore, 2, same.record());
            long expectedBytes = sum(expectedRead);
            boolean counted = changed.read() == expectedRead.size() && changed.readBytes() == expectedBytes
                    && changed.listed() == objects.size();
            check(failures, counted, "the 1 % run listed " + changed.listed() + " and read " + changed.read() + " objects ("
                    + changed.readBytes() + " bytes), expected " + objects.size() + " listed and " + expectedRead.size() + " read ("
                    + expectedBytes + " bytes)");
            Set<Key> renewed = renewedEntries(artifacts, same.record(), changed.record());
            boolean exact = renewed.equals(expectedRead.keySet());
            check(failures, exact, "the 1 % run's index has new entries for " + renewed.size() + " objects, expected exactly the "
                    + expectedRead.size() + " overwritten and added (" + difference(renewed, expectedRead.keySet()) + ")");
            say("MinIO rsync 1 %% run read exactly the %d overwritten and added objects (counts, and new index entries for just"
                    + " those keys): %s", expectedRead.size(), counted && exact ? "yes" : "NO");

            restore(artifacts, changed.record(), production, failures);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Mostly small: 99 % log-uniform in 1-64 KiB, 1 % log-uniform in 256 KiB-2 MiB. */
    private static long size(Random random) {
        return random.nextInt(100) == 0 ? logUniform(random, 256 << 10, 2 << 20) : logUniform(random, 1 << 10, 64 << 10);
    }

    private static long logUniform(Random random, long low, long high) {
        return Math.round(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
    }

    /** Writes every object of {@code objects} with bodies from {@code seed}, four at a time. */
    private static void put(S3Fixture server, Map<Key, Long> objects, long seed) throws Exception {
        for (String bucket : BUCKETS) {
            server.bucket(bucket);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (Map.Entry<Key, Long> object : objects.entrySet()) {
                Key key = object.getKey();
                long bodySeed = seed * 1_000_003L + key.hashCode();
                puts.add(pool.submit(() -> {
                    server.put(key.bucket(), key.key(), MinioCloneBench.body(object.getValue(), bodySeed), object.getValue(),
                            "application/octet-stream", Map.of("seed", Long.toString(bodySeed)));
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Overwrites {@code overwrite} objects with new bodies (half of them the same size), deletes
     * {@value #DELETED} others and adds {@value #ADDED}; updates {@code objects} and returns what
     * the next run must read: the overwritten and added objects, with their sizes.
     */
    private static Map<Key, Long> change(S3Fixture server, Map<Key, Long> objects, Random random, int overwrite) throws Exception {
        List<Key> keys = new ArrayList<>(objects.keySet());
        Collections.shuffle(keys, random);
        Map<Key, Long> toRead = new LinkedHashMap<>();
        for (int i = 0; i < overwrite; i++) {
            toRead.put(keys.get(i), i % 2 == 0 ? objects.get(keys.get(i)) : size(random));
        }
        for (int i = 0; i < ADDED; i++) {
            toRead.put(new Key(BUCKETS.get(i % BUCKETS.size()), String.format("new/obj-%05d", i)), size(random));
        }
        List<Key> deleted = keys.subList(overwrite, overwrite + DELETED);
        for (Key key : deleted) {
            server.client.removeObject(RemoveObjectArgs.builder().bucket(key.bucket()).object(key.key()).build());
            objects.remove(key);
        }
        put(server, toRead, 2);
        objects.putAll(toRead);
        long overwrittenBytes = toRead.entrySet().stream().limit(overwrite).mapToLong(Map.Entry::getValue).sum();
        say("MinIO rsync change before the third run: %d objects overwritten (%.1f MiB, half at their old size), %d deleted,"
                + " %d added (%.1f MiB)", overwrite, mib(overwrittenBytes), DELETED, ADDED, mib(sum(toRead) - overwrittenBytes));
        return toRead;
    }

    private static Run backup(String label, ArtifactFixture artifacts, MinioDatastore datastore, int set, DatastoreRecord previous)
            throws IOException {
        System.gc();
        ProcessMemory.resetPeakHeap();
        long[] before = folderSize(artifacts.storeRoot());
        long threads = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        long cpu = processCpuNanos();
        long gc = gcMillis();
        long t0 = System.nanoTime();
        DatastoreRecord recorded = artifacts.backup(datastore, SETS[set], previous, set == 0 ? null : SETS[set - 1]);
        double seconds = seconds(t0);
        long[] after = folderSize(artifacts.storeRoot());
        Run run = new Run(recorded, seconds, total(recorded, MinioDatastore.OBJECTS), total(recorded, MinioDatastore.READ_OBJECTS),
                total(recorded, MinioDatastore.READ_BYTES), total(recorded, MinioDatastore.SENT_BYTES), after[0] - before[0],
                after[1] - before[1], folderSize(artifacts.storeRoot().resolve(SETS[set]))[0],
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threads, (processCpuNanos() - cpu) / 1e9,
                (gcMillis() - gc) / 1e3, ProcessMemory.peakHeap());
        say("MinIO rsync %-16s %7.2f s  listed %d, read %d objects (%.1f MiB, %.0f objects/s), sent %.1f MiB stored;"
                + " store +%.1f MiB in %d files (set folder %.0f KiB); %d threads started, CPU %.1f s, GC %.1f s, peak heap %d MiB",
                label, seconds, run.listed(), run.read(), mib(run.readBytes()), run.read() / seconds, mib(run.sent()),
                mib(run.storeGrowth()), run.storeFiles(), run.setFolderBytes() / 1024.0, run.threads(), run.cpuSeconds(),
                run.gcSeconds(), run.peakHeap() >> 20);
        return run;
    }

    /** Restores {@code recorded} (the last set) into a second server and compares its listing with the source's. */
    private static void restore(ArtifactFixture artifacts, DatastoreRecord recorded, S3Fixture production, List<String> failures)
            throws Exception {
        try (S3Server target = S3Server.start()) {
            S3Fixture staging = new S3Fixture(target);
            System.gc();
            ProcessMemory.resetPeakHeap();
            long t0 = System.nanoTime();
            artifacts.restore(new MinioDatastore("minio", staging.settings(MinioSettings.RSYNC, List.of()).withTransfers(MinioCloneBench.transfers())), recorded, SETS[2]);
            double seconds = seconds(t0);
            long objects = total(recorded, MinioDatastore.OBJECTS);
            long bytes = total(recorded, MinioDatastore.BYTES);
            boolean same = listing(production).equals(listing(staging));
            check(failures, same, "the restored buckets do not list the source's keys, sizes and ETags");
            say("MinIO rsync restore of the last set into a second S3Proxy: %.1f s, %d objects, %.1f MiB (%.0f objects/s, %.1f MiB/s);"
                    + " keys, sizes and ETags match the source: %s; peak heap %d MiB", seconds, objects, mib(bytes), objects / seconds,
                    mib(bytes) / seconds, same ? "yes" : "NO", ProcessMemory.peakHeap() >> 20);
            say("MinIO rsync max heap %d MiB; peak RSS of the bench JVM (S3Proxy not included) %s",
                    Runtime.getRuntime().maxMemory() >> 20, ProcessMemory.vmHwm());
        }
    }

    /**
     * The objects whose entry in the index of {@code after} is not the one of {@code before}: an
     * unchanged object keeps its entry verbatim, so these are the objects the run read.
     */
    private static Set<Key> renewedEntries(ArtifactFixture artifacts, DatastoreRecord before, DatastoreRecord after) throws IOException {
        ArtifactDecoder decoder = new ArtifactDecoder(AgeIdentity.read(artifacts.identity()));
        Set<Key> renewed = new TreeSet<>((a, b) -> (a.bucket() + '/' + a.key()).compareTo(b.bucket() + '/' + b.key()));
        for (String bucket : BUCKETS) {
            Map<String, MirrorIndex.Entry> old = index(new StoreArtifactSource(artifacts.store(), decoder, SETS[1], before.name()), before, bucket);
            Map<String, MirrorIndex.Entry> now = index(new StoreArtifactSource(artifacts.store(), decoder, SETS[2], after.name()), after, bucket);
            now.forEach((key, entry) -> {
                if (!Objects.equals(old.get(key), entry)) {
                    renewed.add(new Key(bucket, key));
                }
            });
        }
        return renewed;
    }

    private static Map<String, MirrorIndex.Entry> index(ArtifactSource source, DatastoreRecord recorded, String bucket) throws IOException {
        ArtifactRecord artifact = recorded.artifacts().stream()
                .filter(a -> MirrorIndex.FORMAT.equals(a.format()) && bucket.equals(a.subject())).findFirst()
                .orElseThrow(() -> new IOException("no index of bucket '" + bucket + "' in the record"));
        Map<String, MirrorIndex.Entry> entries = new HashMap<>();
        try (InputStream in = source.open(artifact)) {
            MirrorIndex.Reader reader = new MirrorIndex.Reader(in, bucket);
            reader.forEachRemaining(entry -> entries.put(entry.key(), entry));
            reader.finish();
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return entries;
    }

    /** bucket → key → size and ETag, as listed. */
    private static Map<String, Map<String, String>> listing(S3Fixture server) throws Exception {
        Map<String, Map<String, String>> buckets = new TreeMap<>();
        for (String bucket : BUCKETS) {
            Map<String, String> keys = new TreeMap<>();
            for (Result<Item> result : server.client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                Item item = result.get();
                keys.put(item.objectName(), item.size() + " " + item.etag());
            }
            buckets.put(bucket, keys);
        }
        return buckets;
    }

    private static String difference(Set<Key> got, Set<Key> expected) {
        List<Key> extra = got.stream().filter(k -> !expected.contains(k)).limit(5).toList();
        List<Key> missing = expected.stream().filter(k -> !got.contains(k)).limit(5).toList();
        return "unexpected " + extra + ", missing " + missing;
    }

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    private static long total(DatastoreRecord recorded, String item) {
        return recorded.counts().values().stream().mapToLong(c -> c.getOrDefault(item, 0L)).sum();
    }

    private static long sum(Map<Key, Long> objects) {
        return objects.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes and number of the regular files under {@code folder} (0 if it does not exist). */
    private static long[] folderSize(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return new long[] {0, 0};
        }
        long[] size = {0, 0};
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                size[0] += f.toFile().length();
                size[1]++;
            });
        }
        return size;
    }

    private static void say(String format, Object... values) {
        System.out.println("MEASURED " + String.format(format, values));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

}
