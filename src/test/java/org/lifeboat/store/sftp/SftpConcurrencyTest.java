package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.testing.SshServer;

/**
 * One {@link SftpBackupStore} used from several threads at once, as the MinIO family transfers
 * objects in parallel: {@value #WRITERS} threads write distinct files (sizes from one byte to
 * several write buffers, in shared and own folders), each reading back an earlier file while its
 * upload is open, then {@value #READERS} threads read each other's files; every byte is checked.
 * The server's log shows the channels being reused: no more SFTP channels are opened than streams
 * were open at once.
 */
class SftpConcurrencyTest {

    /** Each holds two streams at once: OpenSSH allows 10 channels on a connection (MaxSessions). */
    private static final int WRITERS = SftpConnection.POOLED_CHANNELS / 2;
    private static final int READERS = SftpConnection.POOLED_CHANNELS;
    private static final int FILES_PER_THREAD = 30;

    @Test
    @Timeout(300)
    void threadsWritingAndReadingAtOnceGetTheirOwnBytesOnReusedChannels() throws Exception {
        try (SshServer server = SshServer.start();
                SftpBackupStore store = new SftpBackupStore(server.settings(server.root()))) {
            store.stat(""); // connected: the channel counted from here on
            long before = sftpChannelsOpened(server);
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < WRITERS; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> writeAll(store, thread)));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
                List<Future<?>> readers = new ArrayList<>();
                for (int t = 0; t < READERS; t++) {
                    int thread = t;
                    readers.add(pool.submit(() -> readAll(store, (thread + 1) % WRITERS)));
                }
                for (Future<?> reader : readers) {
                    reader.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(IntStream.range(0, WRITERS).mapToObj(SftpConcurrencyTest::ownFolder).toList(),
                    store.list("mirror/own").stream().map(e -> e.name()).toList());
            assertEquals(WRITERS * FILES_PER_THREAD / 2, store.list("mirror/shared").size());
            long opened = sftpChannelsOpened(server) - before;
            assertTrue(opened <= READERS, opened + " SFTP channels opened for at most " + READERS + " streams at once: not reused");
        }
    }

    private static String ownFolder(int thread) {
        return "t" + thread;
    }

    private static String path(int thread, int file) {
        return file % 2 == 0 ? "mirror/shared/" + thread + "-" + file : "mirror/own/" + ownFolder(thread) + "/" + file;
    }

    private static byte[] content(int thread, int file) {
        Random random = new Random(thread * 1000L + file);
        byte[] bytes = new byte[file % 5 == 0 ? 1 + random.nextInt(3 * SftpAtomicWrite.BUFFER_BYTES) : 1 + random.nextInt(4096)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Writes this thread's files; from the fifth on, reads back one written earlier between two writes. */
    private static Void writeAll(SftpBackupStore store, int thread) throws IOException {
        for (int file = 0; file < FILES_PER_THREAD; file++) {
            byte[] content = content(thread, file);
            try (AtomicWrite write = store.write(path(thread, file))) {
                write.write(content, 0, content.length / 2);
                if (file >= 5) {
                    check(store, thread, file - 5); // another channel while this one holds an upload
                }
                write.write(content, content.length / 2, content.length - content.length / 2);
                write.commit();
            }
        }
        return null;
    }

    private static Void readAll(SftpBackupStore store, int thread) throws IOException {
        for (int file = 0; file < FILES_PER_THREAD; file++) {
            check(store, thread, file);
            assertEquals(content(thread, file).length, store.stat(path(thread, file)).orElseThrow().size());
        }
        return null;
    }

    private static void check(SftpBackupStore store, int thread, int file) throws IOException {
        try (InputStream in = store.read(path(thread, file))) {
            assertArrayEquals(content(thread, file), in.readAllBytes(), path(thread, file));
        }
    }

    /** How many SFTP channels the server has started (OpenSSH logs each one it starts at VERBOSE). */
    static long sftpChannelsOpened(SshServer server) throws IOException {
        try (var lines = Files.lines(server.dir().resolve("sshd.log"))) {
            return lines.filter(line -> line.contains("Starting session: subsystem 'sftp'")).count();
        }
    }
}
