package org.lifeboat.run.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The lock on this host: an operating-system lock on a file, so it ends with the process however
 * the process ends, and is never stale. The file holds the holder's record for the refusal message;
 * it is never deleted (deleting a lock file lets two runs lock two different files).
 */
final class LocalRunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LocalRunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code file} for {@code holder}, or refuses naming the run that has it.
     * The file is created readable by this user only; a symbolic link there is refused, not
     * followed, and so is a file of another user (by default the file is in the shared
     * {@code java.io.tmpdir}, where anyone could plant either to make this run truncate
     * another file, or hold the lock).
     */
    static LocalRunLock acquire(Path file, LockHolder holder, String environment) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = open(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (another run in this JVM): refused like any other holder
        } catch (IOException e) {
            channel.close();
            throw new IOException("unable to lock '" + file + "': " + e.getMessage(), e);
        }
        if (lock == null) {
            String holderText = describeHolder(channel, file);
            channel.close();
            throw new RunLockedException("environment '" + environment + "' is busy: " + holderText + " holds the local lock '"
                    + file + "'; this run was refused, nothing was done");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.toJson()), 0);
        channel.force(false);
        return new LocalRunLock(channel, lock);
    }

    private static FileChannel open(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileChannel channel;
        try {
            channel = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, options);
        } catch (IOException e) { // ELOOP for a link comes as a bare IOException
            if (Files.isSymbolicLink(file)) {
                throw new IOException("the local lock '" + file + "' is a symbolic link; refusing to follow it (another user may have"
                        + " planted it): remove it, or set lifeboat.lock.local-file to a folder only Lifeboat's user writes", e);
            }
            throw new IOException("unable to open the local lock '" + file + "': " + e.getMessage(), e);
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("the local lock '" + file + "' is not a regular file: remove it, or set"
                        + " lifeboat.lock.local-file to a file in a folder only Lifeboat's user writes");
            }
            Integer owner = uid(file, LinkOption.NOFOLLOW_LINKS);
            Integer self = uid(Path.of("/proc/self")); // this process's folder (the link itself is root's)
            if (owner != null && self != null && !owner.equals(self)) {
                throw new IOException("the local lock '" + file + "' belongs to uid " + owner + ", not to this process's uid " + self
                        + " (another user may have planted it): remove it, or set lifeboat.lock.local-file to a folder only"
                        + " Lifeboat's user writes");
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** The owner's uid of {@code path}, or null where the file system does not say (not Linux, no /proc). */
    private static Integer uid(Path path, LinkOption... options) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", options);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String describeHolder(FileChannel channel, Path file) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buffer, 0);
            return LockHolder.fromJson(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8), file.toString()).describe();
        } catch (IOException e) {
            return "another run"; // its record is being written at this moment, or unreadable: the refusal still stands
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
