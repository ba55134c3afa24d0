package org.lifeboat.run.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    /** Takes the lock of {@code file} for {@code holder}, or refuses naming the run that has it. */
    static LocalRunLock acquire(Path file, LockHolder holder, String environment) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
