package org.lifeboat.store.sftp;

import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The socket of one SSH session, kept so that a stalled session can be cut off: closing it ends
 * every call blocked on it, even a write to a server that has stopped reading, which would also
 * block JSch's own {@code disconnect()} (it sends a close message first). Connects within the
 * connect timeout, as JSch does without a factory.
 */
final class OwnedSocket implements SocketFactory {

    private final int connectTimeoutMillis;
    private volatile Socket socket;

    OwnedSocket(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket created = new Socket();
        socket = created;
        created.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        created.setTcpNoDelay(true);
        return created;
    }

    @Override
    public InputStream getInputStream(Socket given) throws IOException {
        return given.getInputStream();
    }

    @Override
    public OutputStream getOutputStream(Socket given) throws IOException {
        return given.getOutputStream();
    }

    /** Closes the socket, if one was made; calls blocked on it fail at once. */
    void close() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the socket is unusable either way, which is what closing it was for
            }
        }
    }
}
