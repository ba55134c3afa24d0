package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.StoreErrors;

/**
 * A streamed upload to a hidden temporary file next to the target, on its own SFTP channel, every
 * call made on the channel's own thread ({@link ChannelThread}).
 * Nothing is buffered beyond {@link #BUFFER_BYTES}; {@link #commit()} waits for every write to be
 * acknowledged, then publishes the file without ever replacing an existing one.
 */
final class SftpAtomicWrite extends AtomicWrite {

    /** Enough to fill SFTP write requests; JSch pipelines them without waiting for each reply. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final SftpBackupStore store;
    private final ChannelSftp channel;
    private final ChannelThread thread;
    private final String path;
    private final String temporary;
    private final String target;
    private final OutputStream out;
    private boolean open = true;

    SftpAtomicWrite(SftpBackupStore store, ChannelThread thread, ChannelSftp channel, String path, String temporary,
            String target) throws IOException {
        this.store = store;
        this.thread = thread;
        this.channel = channel;
        this.path = path;
        this.temporary = temporary;
        this.target = target;
        this.out = thread.call(() -> {
            try {
                return new BufferedOutputStream(channel.put(temporary, ChannelSftp.OVERWRITE), BUFFER_BYTES);
            } catch (SftpException e) {
                channel.disconnect();
                throw SftpErrors.wrap("write", path, store.describe(), e);
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        try {
            thread.run(() -> out.write(b));
        } catch (IOException e) {
            throw store.writeFailure(path, StoreErrors.wrap("write", path, store.describe(), e));
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        try {
            thread.run(() -> out.write(bytes, offset, length));
        } catch (IOException e) {
            throw store.writeFailure(path, StoreErrors.wrap("write", path, store.describe(), e));
        }
    }

    /** Sends what is buffered; acknowledgements are awaited at {@link #commit()}. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        try {
            thread.run(out::flush);
        } catch (IOException e) {
            throw store.writeFailure(path, StoreErrors.wrap("write", path, store.describe(), e));
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
            thread.run(this::publish);
        } catch (ChannelThread.StalledException e) {
            store.removeLeftover(temporary); // the upload's channel is gone; its data was never published
            throw SftpErrors.stalled("write", path, store.describe(), e);
        } finally {
            thread.close();
        }
    }

    private void publish() throws IOException {
        try {
            out.close(); // flushes, waits for every write's status, closes the remote handle
        } catch (IOException e) {
            discard();
            throw store.writeFailure(path, StoreErrors.wrap("write", path, store.describe(), e));
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
            try {
                thread.run(this::discard);
            } catch (IOException e) {
                // the channel stalled or is closed already (or the wait was interrupted): try the
                // store's own channel; a failure there leaves a temporary name that is never listed
                store.removeLeftover(temporary);
            } finally {
                thread.close();
            }
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
            // the upload's channel may be broken by the failure that brought us here: try the store's own
            store.removeLeftover(temporary);
        }
        channel.disconnect();
    }
}
