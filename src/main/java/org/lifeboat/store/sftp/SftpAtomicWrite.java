package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.StoreErrors;

/**
 * A streamed upload to a hidden temporary file next to the target, on a channel borrowed from the
 * connection's pool, every call made on the channel's own thread ({@link ChannelThread}).
 * Nothing is buffered beyond {@link #BUFFER_BYTES}; {@link #commit()} waits for every write to be
 * acknowledged, then publishes the file without ever replacing an existing one. The channel goes
 * back to the pool only when nothing of the upload is left in flight on it; after any failure of
 * the stream it is closed instead.
 */
final class SftpAtomicWrite extends AtomicWrite {

    /** Enough to fill SFTP write requests; JSch pipelines them without waiting for each reply. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final SftpBackupStore store;
    private final SftpConnection connection;
    private final SftpChannel lane;
    private final ChannelThread thread;
    private final ChannelSftp channel;
    private final String path;
    private final String temporary;
    private final String target;
    private final OutputStream out;
    private boolean open = true;
    private boolean clean = true;

    /** Opens the temporary file on {@code lane}, which the caller gives back if this throws. */
    SftpAtomicWrite(SftpBackupStore store, SftpConnection connection, SftpChannel lane, String path, String temporary,
            String target) throws IOException, SftpException {
        this.store = store;
        this.connection = connection;
        this.lane = lane;
        this.thread = lane.thread();
        this.channel = lane.channel();
        this.path = path;
        this.temporary = temporary;
        this.target = target;
        this.out = lane.call(ch -> new BufferedOutputStream(ch.put(temporary, ChannelSftp.OVERWRITE), BUFFER_BYTES));
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        send(() -> out.write(b));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        send(() -> out.write(bytes, offset, length));
    }

    /** Sends what is buffered; acknowledgements are awaited at {@link #commit()}. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        send(out::flush);
    }

    private void send(ChannelThread.IoRun run) throws IOException {
        try {
            thread.run(run);
        } catch (IOException e) {
            clean = false;
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
            clean = false;
            store.removeLeftover(temporary); // the upload's channel is gone; its data was never published
            throw SftpErrors.stalled("write", path, store.describe(), e);
        } finally {
            giveBack();
        }
    }

    private void publish() throws IOException {
        try {
            out.close(); // flushes, waits for every write's status, closes the remote handle
        } catch (IOException e) {
            clean = false;
            // free space is measured before the upload is removed: removing it gives its space back
            IOException failure = store.writeFailure(path, StoreErrors.wrap("write", path, store.describe(), e));
            discard();
            throw failure;
        }
        try {
            store.publish(channel, temporary, target, path);
        } catch (IOException e) {
            discard(); // publish's exceptions already name the path and the store
            throw e;
        }
    }

    /** Removes the temporary file unless committed, and gives the channel back. */
    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                thread.run(this::discard);
            } catch (IOException e) {
                // the channel stalled or is closed already (or the wait was interrupted): try another
                // channel; a failure there leaves a temporary name that is never listed
                clean = false;
                store.removeLeftover(temporary);
            } finally {
                giveBack();
            }
        }
    }

    private void discard() {
        try {
            out.close();
        } catch (IOException e) {
            clean = false; // replies of the upload may still be in flight: the channel is not reused
        }
        try {
            channel.rm(temporary);
        } catch (SftpException e) {
            // denied to an append-only account, or the channel is broken by the failure that brought
            // us here: try another channel
            store.removeLeftover(temporary);
        }
    }

    private void giveBack() {
        if (clean) {
            connection.release(lane);
        } else {
            lane.close();
        }
    }
}
