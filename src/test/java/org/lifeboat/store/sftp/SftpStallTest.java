package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.StorePaths;
import org.lifeboat.testing.SshServer;

/**
 * A backup server that is up but silent: its session processes are stopped with SIGSTOP
 * ({@link PausedSessions}), so the TCP connection stays open and keep-alives would take minutes to
 * notice. Every kind of call fails after {@code lifeboat.timeouts.store} (3 s here) saying the
 * server stalled, names the server and the path, leaves no thread of it running and nothing
 * published; the store works again on a new connection once the server resumes.
 */
class SftpStallTest {

    private static final Duration STALL = Duration.ofSeconds(3);
    /** Far beyond the stall limit plus the teardown: only a hang gets there. */
    private static final long HANG_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int CHUNK = 256 * 1024;

    private static SshServer server;
    private static String root;

    @BeforeAll
    static void startServer() throws Exception {
        server = SshServer.start();
        root = server.root();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static SftpBackupStore store() {
        return new SftpBackupStore(server.settings(root).withStallTimeout(STALL));
    }

    @Test
    @Timeout(180)
    void aWriteToAStalledServerFailsAndPublishesNothing() throws Exception {
        String path = "stall/2026-12-02.partial/postgres/app.dump.age";
        byte[] chunk = new byte[CHUNK];
        try (SftpBackupStore store = store()) {
            IOException e;
            PausedSessions paused = null;
            try (AtomicWrite write = store.write(path)) {
                for (int i = 0; i < 8; i++) {
                    write.write(chunk); // 2 MiB through before the server stops
                }
                write.flush();
                paused = PausedSessions.of(server);
                long start = System.nanoTime();
                e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 400; i++) { // 100 MiB: far more than SSH's window lets through
                        write.write(chunk);
                    }
                    write.commit();
                });
                assertTrue(System.nanoTime() - start < HANG_NANOS, "the write failed, not hung");
            } finally {
                if (paused != null) {
                    paused.close();
                }
            }
            assertStalled(e, path);
            assertFalse(Files.exists(Path.of(root, path)), "nothing is published under the final name");
            assertEquals(List.of(), store.list(StorePaths.parent(path)), "nothing is listed");
            try (var left = Files.list(Path.of(root, StorePaths.parent(path)))) {
                assertEquals(List.of(), left.toList(), "the temporary upload is removed");
            }
            assertWorksAgain(store);
        }
        assertNoThreadLeft();
    }

    @Test
    @Timeout(180)
    void aReadFromAStalledServerFailsAndLeavesNoThread() throws Exception {
        String path = "stall/read/big.age";
        byte[] content = new byte[16 << 20];
        new Random(3).nextBytes(content);
        try (SftpBackupStore store = store()) {
            try (AtomicWrite write = store.write(path)) {
                write.write(content);
                write.commit();
            }
            IOException e;
            try (InputStream in = store.read(path)) {
                assertEquals(CHUNK, in.readNBytes(CHUNK).length);
                try (PausedSessions paused = PausedSessions.of(server)) {
                    long start = System.nanoTime();
                    e = assertThrows(IOException.class, in::readAllBytes);
                    assertTrue(System.nanoTime() - start < HANG_NANOS, "the read failed, not hung");
                }
            }
            assertStalled(e, path);
            try (InputStream in = store.read(path)) {
                assertArrayEquals(content, in.readAllBytes(), "read again on a new connection");
            }
        }
        assertNoThreadLeft();
    }

    @Test
    @Timeout(180)
    void listingAndStatOfAStalledServerFail() throws Exception {
        try (SftpBackupStore store = store()) {
            store.makeFolders("stall/meta");
            IOException listing;
            try (PausedSessions paused = PausedSessions.of(server)) {
                long start = System.nanoTime();
                listing = assertThrows(IOException.class, () -> store.list("stall/meta"));
                assertTrue(System.nanoTime() - start < HANG_NANOS, "the listing failed, not hung");
            }
            assertStalled(listing, "stall/meta");

            assertTrue(store.stat("stall/meta").isPresent(), "a new connection answers");
            IOException stat;
            try (PausedSessions paused = PausedSessions.of(server)) {
                stat = assertThrows(IOException.class, () -> store.stat("stall/meta/x"));
            }
            assertStalled(stat, "stall/meta/x");
            assertWorksAgain(store);
        }
        assertNoThreadLeft();
    }

    private static void assertStalled(IOException e, String path) {
        SftpHostKeyTest.assertMentions(e, "127.0.0.1:" + server.port(), "'" + path + "'", "stalled", "3 s",
                "lifeboat.timeouts.store");
    }

    private static void assertWorksAgain(SftpBackupStore store) throws IOException {
        try (AtomicWrite write = store.write("stall/after/" + System.nanoTime())) {
            write.write(new byte[CHUNK]);
            write.commit();
        }
    }

    /**
     * Once the store is closed, no channel thread of it and no JSch session thread is left (a
     * call still stuck on the stopped server would keep its thread), once the ending ones have had
     * a moment.
     */
    private static void assertNoThreadLeft() throws InterruptedException {
        String channels = "to 127.0.0.1:" + server.port();
        String sessions = "Connect thread 127.0.0.1 session";
        List<String> alive = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.contains(channels) || name.contains(sessions))
                    .toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("threads still running after the stall: " + alive);
    }

}
