package org.lifeboat.store.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.testing.SshServer;

/**
 * A backup server whose disk fills up (a 4 MiB tmpfs mounted as the store's root): the write fails
 * saying so with host and path, leaves no temporary upload behind, and the next write fails the
 * same way promptly instead of hanging; once space is freed, writes work again.
 */
class SftpDiskFullTest {

    @Test
    @Timeout(180)
    void aFullDiskFailsTheWriteClearlyLeavesNothingAndNeverHangs() throws Exception {
        try (SshServer server = SshServer.start()) {
            String root = server.root();
            mount(root);
            try {
                fillAndFree(server, root);
            } finally {
                unmount(root);
            }
        }
    }

    private static void fillAndFree(SshServer server, String root) throws Exception {
        try (SftpBackupStore store = new SftpBackupStore(server.settings(root))) {
            store.makeFolders("prod/2026-12-02.partial");
            IOException full = assertThrows(IOException.class, () -> write(store, "prod/2026-12-02.partial/big.age", 8 << 20));
            assertTrue(full.getMessage().contains("no space left on the backup server"), full.getMessage());
            assertTrue(full.getMessage().contains("127.0.0.1:" + server.port()) && full.getMessage().contains("big.age"),
                    full.getMessage());
            try (var left = Files.list(Path.of(root, "prod/2026-12-02.partial"))) {
                assertEquals(List.of(), left.toList(), "no temporary upload is left to keep the disk full");
            }
            awaitSpaceBack(Path.of(root));

            fill(Path.of(root, "filler"));
            long start = System.nanoTime();
            IOException again = assertThrows(IOException.class, () -> write(store, "prod/probe", 8 << 20));
            assertTrue(again.getMessage().contains("no space left on the backup server"), again.getMessage());
            assertTrue(System.nanoTime() - start < 60_000_000_000L, "the second write failed, not hung");
            Files.delete(Path.of(root, "filler"));

            write(store, "prod/after", 64 << 10);
            assertTrue(store.stat("prod/after").isPresent());
        }
    }

    /**
     * Waits until the failed upload's space is free again: its file is unlinked at once, but its
     * blocks stay taken until the server's sftp-server process of the dropped channel exits and
     * lets go of the handle. Filling the disk before that would leave the space to come back in the
     * middle of the next check.
     */
    private static void awaitSpaceBack(Path root) throws Exception {
        java.nio.file.FileStore disk = Files.getFileStore(root);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (disk.getTotalSpace() - disk.getUsableSpace() > 256 << 10) {
            assertTrue(System.nanoTime() < deadline, "the failed upload's space came back within 30 s: "
                    + (disk.getTotalSpace() - disk.getUsableSpace()) + " bytes still used");
            Thread.sleep(50);
        }
    }

    /** Writes {@code file} until the file system is full. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 << 10];
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void write(SftpBackupStore store, String path, int bytes) throws IOException {
        try (AtomicWrite out = store.write(path)) {
            byte[] chunk = new byte[64 << 10];
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
            out.commit();
        }
    }

    private static void mount(String root) throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0750", "tmpfs", root);
        run("chown", SshServer.USER + ":" + SshServer.USER, root);
    }

    /** Unmounts once the server's session processes have let go of the folder (lazily if they have not). */
    private static void unmount(String root) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                run("umount", root);
                return;
            } catch (IOException busy) {
                Thread.sleep(250);
            }
        }
        run("umount", "-l", root);
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " did not finish within 30 s");
        }
        String out = "exit " + p.exitValue();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
