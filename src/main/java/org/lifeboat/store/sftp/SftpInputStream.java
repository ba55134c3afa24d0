package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.store.StoreErrors;

/** A remote file being read on its own SFTP channel; closing it releases the channel. */
final class SftpInputStream extends FilterInputStream {

    private final ChannelSftp channel;
    private final String path;
    private final String store;

    SftpInputStream(InputStream in, ChannelSftp channel, String path, String store) {
        super(in);
        this.channel = channel;
        this.path = path;
        this.store = store;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw StoreErrors.wrap("read", path, store, e);
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        try {
            return super.read(bytes, offset, length);
        } catch (IOException e) {
            throw StoreErrors.wrap("read", path, store, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException e) {
            // the channel is dropped next, which ends the read whatever state it was in
        } finally {
            channel.disconnect();
        }
    }
}
