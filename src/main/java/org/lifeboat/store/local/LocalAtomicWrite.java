package org.lifeboat.store.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.StoreErrors;
import org.lifeboat.store.StorePaths;

/**
 * A write to a hidden temporary file next to the target; {@link #commit()} forces it to disk and
 * links it under the final name, which never replaces an existing file.
 */
final class LocalAtomicWrite extends AtomicWrite {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path target;
    private final Path temporary;
    private final String path;
    private final String store;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean open = true;

    private LocalAtomicWrite(Path target, Path temporary, String path, String store, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.path = path;
        this.store = store;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    static LocalAtomicWrite open(Path target, String path, String store) throws IOException {
        Path temporary = target.resolveSibling(StorePaths.temporaryName(target.getFileName().toString()));
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new LocalAtomicWrite(target, temporary, path, store, channel);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new IOException(StoreErrors.unable("write", path, store) + ": the stream is closed");
        }
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        open = false;
        try {
            out.flush();
            channel.force(true);
            channel.close();
            publish(temporary, target);
            forceFolder(target.getParent());
        } catch (IOException e) {
            discard();
            throw StoreErrors.wrap("write", path, store, e);
        }
    }

    /** Discards the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            discard();
        }
    }

    private void discard() throws IOException {
        try {
            channel.close();
        } catch (IOException e) {
            // the file is removed next; a failed close of a file being thrown away changes nothing
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw StoreErrors.wrap("remove the temporary file of", path, store, e);
        }
    }

    /**
     * Moves the file {@code source} to {@code target}, never replacing an existing target: a hard
     * link (which fails if the target exists) then removing the source. Where links are not
     * supported, checks then renames, which leaves a small window.
     */
    static void publish(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException | NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system (or across its mounts): fall back to check + rename
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.delete(source);
    }

    /** Makes the new directory entry durable (Linux allows fsync on a folder opened read-only). */
    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (UnsupportedOperationException e) {
            // the platform cannot fsync a folder; the file itself is already forced
        }
    }
}
