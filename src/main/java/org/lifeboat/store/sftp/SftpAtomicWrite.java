package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.StoreErrors;

/**
 * A streamed upload to a hidden temporary file next to the target, on its own SFTP channel.
 * Nothing is buffered beyond {@link #BUFFER_BYTES}; {@link #commit()} waits for every write to be
 * acknowledged, then publishes the file without ever replacing an existing one.
 */
final class SftpAtomicWrite extends AtomicWrite {

    /** Enough to fill SFTP write requests; JSch pipelines them without waiting for each reply. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final SftpBackupStore store;
    private final ChannelSftp channel;
    private final String path;
    private final String temporary;
    private final String target;
    private final OutputStream out;
    private boolean open = true;

    SftpAtomicWrite(SftpBackupStore store, ChannelSftp channel, String path, String temporary, String target)
            throws IOException {
        this.store = store;
        this.channel = channel;
        this.path = path;
        this.temporary = temporary;
        this.target = target;
        try {
            this.out = new BufferedOutputStream(channel.put(temporary, ChannelSftp.OVERWRITE), BUFFER_BYTES);
        } catch (SftpException e) {
            channel.disconnect();
            throw SftpErrors.wrap("write", path, store.describe(), e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        try {
            out.write(b);
        } catch (IOException e) {
            throw StoreErrors.wrap("write", path, store.describe(), e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw StoreErrors.wrap("write", path, store.describe(), e);
        }
    }

    /** Sends what is buffered; acknowledgements are awaited at {@link #commit()}. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        try {
            out.flush();
        } catch (IOException e) {
            throw StoreErrors.wrap("write", path, store.describe(), e);
        }
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new IOException(StoreErrors.unable("write", path, store.describe()) + ": the stream is closed");
        }
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        open = false;
        try {
            out.close(); // flushes, waits for every write's status, closes the remote handle
        } catch (IOException e) {
            discard();
            throw StoreErrors.wrap("write", path, store.describe(), e);
        }
        try {
            store.publish(channel, temporary, target, path);
        } catch (IOException e) {
            discard(); // publish's exceptions already name the path and the store
            throw e;
        }
        channel.disconnect();
    }

    /** Removes the temporary file unless committed, and releases the channel. */
    @Override
    public void close() {
        if (open) {
            open = false;
            discard();
        }
    }

    private void discard() {
        try {
            out.close();
        } catch (IOException e) {
            // the upload is being thrown away; a failure to finish it changes nothing
        }
        try {
            channel.rm(temporary);
        } catch (SftpException e) {
            // the connection may be gone (the reason we are here): a leftover temporary name is
            // never listed, and deleting its folder removes it
        }
        channel.disconnect();
    }
}
