package org.lifeboat.store.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.testing.SshServer;

/**
 * Not a test: how many small files per second {@link SftpBackupStore} writes to the real sshd of
 * {@link SshServer}, as the MinIO mirror does (one object body per file, in two levels of
 * content-addressed folders). Writes N files (default 2 000) of 1 KiB from 1 thread, then N more
 * from T threads (default 4), then reads the last N back and checks every byte. Prints lines
 * starting with {@code MEASURED}: files/s of each phase and the load average before and after.
 * Run after {@code mvn test-compile} with {@code java -cp target/test-classes:target/classes:<deps>
 * org.lifeboat.store.sftp.SftpSmallFilesBench [files] [threads]} as root.
 */
public final class SftpSmallFilesBench {

    private static final int BYTES = 1024;

    private SftpSmallFilesBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (SshServer server = SshServer.start();
                SftpBackupStore store = new SftpBackupStore(server.settings(server.root()))) {
            store.stat(""); // connect before the clock starts
            System.out.printf("MEASURED load average before: %.2f%n", load());
            long start = System.nanoTime();
            for (int i = 0; i < files; i++) {
                write(store, i);
            }
            report("1 thread write", files, start);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            start = System.nanoTime();
            inParallel(pool, threads, files, i -> write(store, i));
            report(threads + " threads write", files, start);
            start = System.nanoTime();
            inParallel(pool, threads, files, i -> check(store, i));
            report(threads + " threads read and check", files, start);
            pool.shutdown();
            System.out.printf("MEASURED load average after: %.2f%n", load());
        }
    }

    /** What is done to file number i. */
    private interface FileWork {
        void run(int i) throws IOException;
    }

    /** Does {@code work} to files {@code files} to {@code 2 * files - 1}, split across {@code threads} threads. */
    private static void inParallel(ExecutorService pool, int threads, int files, FileWork work) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = files + t;
            done.add(pool.submit(() -> {
                for (int i = first; i < 2 * files; i += threads) {
                    work.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static String path(int i) {
        String hash = String.format("%08x", i * 2654435761L & 0xffffffffL);
        return "prod/minio-mirror/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash;
    }

    private static byte[] content(int i) {
        byte[] bytes = new byte[BYTES];
        Arrays.fill(bytes, (byte) i);
        bytes[0] = (byte) (i >> 8);
        return bytes;
    }

    private static void write(SftpBackupStore store, int i) throws IOException {
        try (AtomicWrite write = store.write(path(i))) {
            write.write(content(i));
            write.commit();
        }
    }

    private static void check(SftpBackupStore store, int i) throws IOException {
        try (InputStream in = store.read(path(i))) {
            if (!Arrays.equals(content(i), in.readAllBytes())) {
                throw new IllegalStateException("wrong bytes in " + path(i));
            }
        }
    }

    private static void report(String phase, int files, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MEASURED %s: %d files in %.1f s = %.0f files/s (load average %.2f)%n", phase, files, seconds,
                files / seconds, load());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
