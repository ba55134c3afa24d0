package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.testing.SshServer;

/** A server that dies mid-upload must fail the write loudly and publish nothing. */
class SftpServerLossTest {

    private static final long GIVE_UP_BYTES = 20L * 1024 * 1024 * 1024;

    @Test
    @Timeout(120)
    void sshdStoppedMidUploadFailsTheWriteAndPublishesNothing() throws Exception {
        try (SshServer server = SshServer.start()) {
            String root = server.root();
            CountDownLatch halfway = new CountDownLatch(1);
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                try {
                    assertTrue(halfway.await(60, TimeUnit.SECONDS));
                    server.stop();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("unable to stop sshd", e);
                }
            });
            IOException e;
            try (SftpBackupStore store = new SftpBackupStore(server.settings(root))) {
                e = assertThrows(IOException.class, () -> {
                    try (AtomicWrite write = store.write("2026-11-22.partial/postgres/app.dump.age")) {
                        byte[] chunk = new byte[256 * 1024];
                        for (long sent = 0; sent < GIVE_UP_BYTES; sent += chunk.length) {
                            write.write(chunk);
                            if (sent >= 50L * 1024 * 1024) {
                                halfway.countDown();
                            }
                        }
                        write.commit();
                    }
                });
            }
            killer.get(60, TimeUnit.SECONDS);
            SftpHostKeyTest.assertMentions(e, "127.0.0.1:" + server.port(), "app.dump.age");

            server.restart();
            try (SftpBackupStore store = new SftpBackupStore(server.settings(root))) {
                assertTrue(store.stat("2026-11-22.partial/postgres/app.dump.age").isEmpty());
                assertEquals(List.of(), store.list("2026-11-22.partial/postgres"));
            }
        }
    }
}
