package org.lifeboat.store.sftp;

import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.store.StoreErrors;

/**
 * A remote file being read on a channel borrowed from the connection's pool, every call made on the
 * channel's own thread ({@link ChannelThread}); closing it gives the channel back, or closes it if
 * a read failed (replies may still be in flight on it).
 */
final class SftpInputStream extends InputStream {

    private final InputStream in;
    private final SftpConnection connection;
    private final SftpChannel lane;
    private final String path;
    private final String store;
    private boolean closed;
    private boolean clean = true;

    SftpInputStream(InputStream in, SftpConnection connection, SftpChannel lane, String path, String store) {
        this.in = in;
        this.connection = connection;
        this.lane = lane;
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
        if (closed) {
            throw new IOException(StoreErrors.unable("read", path, store) + ": the stream is closed");
        }
        try {
            return lane.thread().call(() -> in.read(bytes, offset, length));
        } catch (IOException e) {
            clean = false;
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
            lane.thread().run(in::close); // drains the read-ahead still in flight, closes the remote handle
        } catch (IOException e) {
            clean = false; // the channel stalled, broke or is closed: it is not reused
        }
        if (clean) {
            connection.release(lane);
        } else {
            lane.close();
        }
    }
}
