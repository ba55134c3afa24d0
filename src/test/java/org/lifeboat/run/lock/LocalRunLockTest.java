package org.lifeboat.run.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This host's lock file, where its default folder ({@code java.io.tmpdir}) is shared with every
 * user: created for its user alone, and a link, a file of another user or something else planted
 * at its path is refused, with the file a link points at left as it was.
 */
class LocalRunLockTest {

    private static final LockHolder HOLDER = LockHolder.self("backup", Instant.parse("2026-12-04T20:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void theFileIsCreatedForItsUserAloneAndASecondRunIsRefused() throws Exception {
        Path file = dir.resolve("lifeboat-production.lock");
        try (LocalRunLock lock = LocalRunLock.acquire(file, HOLDER, "production")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            RunLockedException refused = assertThrows(RunLockedException.class, () -> LocalRunLock.acquire(file, HOLDER, "production"));
            assertTrue(refused.getMessage().contains("holds the local lock"), refused.getMessage());
        }
        LocalRunLock.acquire(file, HOLDER, "production").close();
    }

    @Test
    void aSymbolicLinkIsRefusedAndTheFileItPointsAtIsLeftAsItWas() throws Exception {
        Path precious = dir.resolve("precious.conf");
        Files.writeString(precious, "keep me\n");
        Path file = dir.resolve("lifeboat-production.lock");
        Files.createSymbolicLink(file, precious);

        IOException refused = assertThrows(IOException.class, () -> LocalRunLock.acquire(file, HOLDER, "production"));

        assertTrue(refused.getMessage().contains("'" + file + "' is a symbolic link"), refused.getMessage());
        assertTrue(refused.getMessage().contains("lifeboat.lock.local-file"), refused.getMessage());
        assertEquals("keep me\n", Files.readString(precious), "the link's target is neither truncated nor written");
        assertTrue(Files.isSymbolicLink(file), "the link itself is not removed either");
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws Exception {
        Path file = dir.resolve("lifeboat-production.lock");
        Files.writeString(file, "planted\n");
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int other = self == 65534 ? 65533 : 65534;
        Files.setAttribute(file, "unix:uid", other, LinkOption.NOFOLLOW_LINKS); // the tests run as root

        IOException refused = assertThrows(IOException.class, () -> LocalRunLock.acquire(file, HOLDER, "production"));

        assertTrue(refused.getMessage().contains("belongs to uid " + other + ", not to this process's uid " + self), refused.getMessage());
        assertEquals("planted\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void somethingOtherThanARegularFileIsRefused() throws Exception {
        Path file = dir.resolve("lifeboat-production.lock");
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");

        IOException refused = assertThrows(IOException.class, () -> LocalRunLock.acquire(file, HOLDER, "production"));

        assertTrue(refused.getMessage().contains("is not a regular file"), refused.getMessage());
    }
}
