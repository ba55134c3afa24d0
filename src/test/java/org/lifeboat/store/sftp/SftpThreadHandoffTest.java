package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.testing.SshServer;

/**
 * The backup pipeline writes a store stream from a worker thread that ends before the caller
 * commits. JSch's channel pipe breaks when its last reader thread has ended while acknowledgements
 * are still arriving ("Pipe closed"); this ran into it about one upload in eight before every
 * channel call moved onto the channel's own thread.
 */
class SftpThreadHandoffTest {

    @Test
    @Timeout(120)
    void aStreamWrittenByAThreadThatEndsIsCommittedByAnother() throws Exception {
        try (SshServer server = SshServer.start(); SftpBackupStore store = new SftpBackupStore(server.settings(server.root()))) {
            Random random = new Random(7);
            for (int i = 0; i < 40; i++) {
                byte[] content = new byte[1 + random.nextInt(600_000)];
                random.nextBytes(content);
                String path = "handoff/file-" + i;
                AtomicWrite write = store.write(path);
                Thread writer = new Thread(() -> {
                    try {
                        write.write(content, 0, content.length);
                        write.flush();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                writer.join();
                write.commit();
                write.close();
                try (InputStream in = store.read(path)) {
                    assertArrayEquals(content, in.readAllBytes(), path);
                }
            }
        }
    }
}
