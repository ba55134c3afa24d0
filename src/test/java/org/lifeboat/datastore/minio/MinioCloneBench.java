package org.lifeboat.datastore.minio;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.ProcessMemory;
import org.lifeboat.testing.S3Server;

/**
 * Not a test: a one-off measurement of clone backup and restore of ~1 GB of objects of mixed sizes
 * between two S3Proxy servers, through the real pipeline into a local store. Run from the project
 * (after {@code mvn test-compile}) with {@code java -Xmx128m -cp target/test-classes:target/classes:<deps>
 * org.lifeboat.datastore.minio.MinioCloneBench [MB]}; prints throughput, peak heap and peak RSS. Objects move
 * {@code -Dlifeboat.minio.transfers=N} at once (default as configured: {@value MinioSettings#DEFAULT_TRANSFERS}).
 */
public final class MinioCloneBench {

    private MinioCloneBench() {
    }

    public static void main(String[] args) throws Exception {
        long scale = args.length > 0 ? Long.parseLong(args[0]) : 1024; // MB
        Path work = Files.createTempDirectory("lifeboat-minio-bench-");
        try (S3Server source = S3Server.start(); S3Server target = S3Server.start()) {
            S3Fixture production = new S3Fixture(source);
            S3Fixture staging = new S3Fixture(target);
            long filled = fill(production, scale * 1024 * 1024);
            ArtifactFixture artifacts = new ArtifactFixture(work);
            MinioDatastore from = new MinioDatastore("minio", production.settings(List.of()).withTransfers(transfers()));
            System.gc();
            long t0 = System.nanoTime();
            DatastoreRecord recorded = artifacts.backup(from);
            double backup = (System.nanoTime() - t0) / 1e9;
            long heapAfterBackup = ProcessMemory.peakHeap();
            long stored = recorded.artifacts().stream().mapToLong(ArtifactRecord::storedBytes).sum();
            long objects = recorded.counts().values().stream().mapToLong(c -> c.get("objects")).sum();
            System.out.printf("transfers %d%n", transfers());
            report("backup", filled, objects, backup, stored);
            t0 = System.nanoTime();
            artifacts.restore(new MinioDatastore("minio", staging.settings(List.of()).withTransfers(transfers())), recorded);
            double restore = (System.nanoTime() - t0) / 1e9;
            report("restore (load + check + swap)", filled, objects, restore, stored);
            System.out.printf("peak heap after backup %d MiB, after restore %d MiB; max heap %d MiB; peak RSS %s%n",
                    heapAfterBackup >> 20, ProcessMemory.peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20, ProcessMemory.vmHwm());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The transfers the MinIO benches run with. */
    static int transfers() {
        return Integer.getInteger("lifeboat.minio.transfers", MinioSettings.DEFAULT_TRANSFERS);
    }

    private static void report(String what, long bytes, long objects, double seconds, long stored) {
        System.out.printf("%s: %d objects, %.0f MiB in %.1f s = %.1f MiB/s (%.0f objects/s); stored %.0f MiB%n", what, objects,
                bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds, objects / seconds, stored / 1048576.0);
    }

    /**
     * Mixed sizes: 40 % in one large object, 30 % in 16 MiB, 20 % in 1 MiB, 9 % in 64 KiB and 1 % in
     * 4 KiB objects; half-compressible bodies.
     */
    private static long fill(S3Fixture server, long total) throws Exception {
        long[] sizes = {total * 40 / 100, 16L << 20, 1L << 20, 64L << 10, 4L << 10};
        int[] percent = {40, 30, 20, 9, 1};
        long filled = 0;
        for (int kind = 0; kind < sizes.length; kind++) {
            String bucket = "bench-" + kind;
            server.bucket(bucket);
            long count = Math.max(1, total * percent[kind] / 100 / sizes[kind]);
            for (long i = 0; i < count; i++) {
                server.put(bucket, "obj/" + i, body(sizes[kind], i), sizes[kind], "application/octet-stream", Map.of("i", Long.toString(i)));
                filled += sizes[kind];
            }
        }
        return filled;
    }

    /** Random bytes in 64-byte runs followed by 64 zeros: about 2:1 for zstd, generated while read. */
    static InputStream body(long size, long seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++, position++) {
                    b[off + i] = (position & 64) == 0 ? (byte) random.nextInt() : 0;
                }
                return n;
            }
        };
    }

}
