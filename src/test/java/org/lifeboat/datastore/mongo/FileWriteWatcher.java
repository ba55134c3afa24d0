package org.lifeboat.datastore.mongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Watches this JVM's open file descriptors ({@code /proc/self/fd} and {@code fdinfo}, Linux) from
 * {@link #start()} to {@link #stop()}, polling every millisecond or two, and collects every file
 * opened for writing that was not open for writing at the start and does not lie under one of
 * the allowed folders. A file written for longer than a poll (a spill file behind a collection of
 * some megabytes is written for seconds) cannot escape it; one opened and closed between two polls
 * can, so this proves no staging, not that no byte ever touched a disk.
 */
final class FileWriteWatcher implements AutoCloseable {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final int O_ACCMODE = 3;

    private final List<Path> allowed;
    private final Set<String> before;
    private final Set<String> seen = new TreeSet<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int polls;

    private FileWriteWatcher(List<Path> allowed) throws IOException {
        this.allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.before = writable();
        this.thread = new Thread(this::watch, "file-write-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching; files under {@code allowed} (for example the test's store) may be written. */
    static FileWriteWatcher start(List<Path> allowed) throws IOException {
        FileWriteWatcher watcher = new FileWriteWatcher(allowed);
        watcher.thread.start();
        return watcher;
    }

    /** Stops and returns what was written outside the allowed folders, as {@code /proc} names it ({@code (deleted)} included). */
    Set<String> stop() throws InterruptedException {
        stopped = true;
        thread.join();
        synchronized (seen) {
            return new TreeSet<>(seen);
        }
    }

    /** Polls made; a test asserts there were many, or the watcher proved nothing. */
    int polls() {
        return polls;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void watch() {
        while (!stopped) {
            try {
                for (String file : writable()) {
                    if (!before.contains(file) && allowed.stream().noneMatch(a -> Path.of(file.replace(" (deleted)", "")).startsWith(a))) {
                        synchronized (seen) {
                            seen.add(file);
                        }
                    }
                }
                polls++;
                Thread.sleep(1);
            } catch (IOException e) {
                // a descriptor closed while it was being read: the next poll sees the rest
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every regular file this process holds open for writing now. */
    private static Set<String> writable() throws IOException {
        Set<String> files = new HashSet<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : fds.toList()) {
                String target;
                List<String> info;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                    info = Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()));
                } catch (IOException e) {
                    continue; // closed since the listing
                }
                if (!target.startsWith("/")) {
                    continue; // socket:, pipe:, anon_inode:
                }
                for (String line : info) {
                    if (line.startsWith("flags:") && (Integer.parseInt(line.substring(6).trim(), 8) & O_ACCMODE) != 0) {
                        files.add(target);
                    }
                }
            }
        }
        return files;
    }
}
