package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.store.StoreErrors;

/**
 * A remote file being read on its own SFTP channel, every call made on the channel's own thread
 * ({@link ChannelThread}); closing it releases the channel and the thread.
 */
final class SftpInputStream extends InputStream {

    private final InputStream in;
    private final ChannelSftp channel;
    private final ChannelThread thread;
    private final String path;
    private final String store;
    private boolean closed;

    SftpInputStream(InputStream in, ChannelSftp channel, ChannelThread thread, String path, String store) {
        this.in = in;
        this.channel = channel;
        this.thread = thread;
        this.path = path;
        this.store = store;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        try {
            return thread.call(() -> in.read(bytes, offset, length));
        } catch (IOException e) {
            throw StoreErrors.wrap("read", path, store, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return; // closing twice is allowed by InputStream's contract
        }
        closed = true;
        try {
            thread.run(() -> {
                try {
                    in.close();
                } catch (IOException e) {
                    // the channel is dropped next, which ends the read whatever state it was in
                } finally {
                    channel.disconnect();
                }
            });
        } catch (IOException e) {
            // the channel stalled or is closed already: there is nothing left to release
        } finally {
            thread.close();
        }
    }
}
