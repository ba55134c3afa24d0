package org.lifeboat.store.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.nio.file.Files;
import org.lifeboat.process.ToolTimeout;

/**
 * One SSH session to the server, opened on first use and reopened if it drops, with one SFTP
 * channel for metadata calls and a fresh channel for each open stream (SFTP requests on one
 * channel cannot interleave). Host keys come only from the pinned known_hosts file. Every call on
 * a channel runs on that channel's {@link ChannelThread}, within the stall limit; a stalled call
 * tears the whole session down ({@link #abort}), since its other channels go through the same
 * server process and the same socket.
 */
final class SftpConnection {

    /** Fast AEAD/CTR ciphers first; JSch drops any this runtime lacks. */
    static final String CIPHERS = "aes128-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
            + "aes128-ctr,aes256-ctr";
    private static final int ALIVE_INTERVAL_MILLIS = 30_000;
    private static final int ALIVE_COUNT_MAX = 4;

    private final SftpSettings settings;
    private Session session;
    private OwnedSocket socket;
    private ChannelSftp metadata;
    private ChannelThread metadataThread;
    private String root;

    SftpConnection(SftpSettings settings) {
        this.settings = settings;
    }

    /** A call made on the metadata channel. */
    interface MetadataCall<T> {
        T call(ChannelSftp channel) throws IOException, SftpException;
    }

    /**
     * Runs {@code call} on the metadata channel's thread, connecting first if needed, and waits
     * for it within the stall limit. Calls from several threads queue there one after another.
     */
    <T> T metadata(MetadataCall<T> call) throws IOException, SftpException {
        ChannelSftp channel;
        ChannelThread thread;
        synchronized (this) {
            ensureConnected();
            channel = metadata;
            thread = metadataThread;
        }
        return thread.callSftp(() -> call.call(channel));
    }

    private void ensureConnected() throws IOException {
        if (metadata == null || metadata.isClosed() || !session.isConnected()) {
            disconnect();
            connect();
        }
    }

    /** The store root as an absolute remote path. */
    synchronized String root() throws IOException {
        ensureConnected();
        return root;
    }

    /** A thread for one stream's channel, connecting first if needed; its stalled calls tear this session down. */
    synchronized ChannelThread streamThread(String name) throws IOException {
        ensureConnected();
        return new ChannelThread(name, stall());
    }

    /** What a stalled call on the current session does: tear that session down, and say so. */
    private ChannelThread.Stall stall() {
        Session stalled = session;
        OwnedSocket stalledSocket = socket;
        String describe = "the backup server " + settings.address() + " stalled: no reply for "
                + new ToolTimeout(settings.stallTimeout(), "lifeboat.timeouts.store").describe();
        return new ChannelThread.Stall(settings.stallTimeout().toMillis(), describe, () -> abort(stalled, stalledSocket));
    }

    /** A new SFTP channel on the shared session for one stream; the caller disconnects it. */
    ChannelSftp openStreamChannel() throws IOException {
        Session current;
        synchronized (this) {
            ensureConnected();
            current = session;
        }
        try {
            ChannelSftp channel = (ChannelSftp) current.openChannel("sftp");
            channel.connect(timeoutMillis());
            return SpecRename.apply(channel);
        } catch (JSchException e) {
            throw new IOException("unable to open an SFTP channel to " + settings.address() + ": " + e.getMessage(), e);
        }
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    }

    private void connect() throws IOException {
        requireReadable("SSH private key", settings.privateKeyFile().toString());
        requireReadable("known_hosts", settings.knownHostsFile().toString());
        JSch jsch = new JSch();
        RecordingHostKeys hostKeys;
        Session opened;
        OwnedSocket owned = new OwnedSocket(timeoutMillis());
        try {
            jsch.addIdentity(settings.privateKeyFile().toString());
            jsch.setKnownHosts(settings.knownHostsFile().toString());
            hostKeys = new RecordingHostKeys(jsch.getHostKeyRepository());
            opened = jsch.getSession(settings.user(), settings.host(), settings.port());
            opened.setHostKeyRepository(hostKeys);
            opened.setSocketFactory(owned);
        } catch (JSchException e) {
            throw new IOException("unable to load the SSH key '" + settings.privateKeyFile() + "' or known_hosts '"
                    + settings.knownHostsFile() + "' for " + settings.address() + ": " + e.getMessage(), e);
        }
        opened.setConfig("StrictHostKeyChecking", "yes");
        opened.setConfig("PreferredAuthentications", "publickey");
        opened.setConfig("cipher.c2s", CIPHERS);
        opened.setConfig("cipher.s2c", CIPHERS);
        try {
            opened.setServerAliveInterval(ALIVE_INTERVAL_MILLIS);
            opened.setServerAliveCountMax(ALIVE_COUNT_MAX);
            opened.connect(timeoutMillis());
        } catch (JSchUnknownHostKeyException e) {
            throw hostKeyRefused("is unknown: the server presented", "which is not in known_hosts file", hostKeys, e);
        } catch (JSchChangedHostKeyException e) {
            throw hostKeyRefused("has CHANGED: the server presented", "which does not match the key pinned in known_hosts file",
                    hostKeys, e);
        } catch (JSchException e) {
            throw new IOException("unable to connect to " + settings.address() + " as " + settings.user() + ": "
                    + e.getMessage(), e);
        }
        session = opened;
        socket = owned;
        metadataThread = new ChannelThread("sftp metadata " + settings.address(), stall());
        try {
            metadata = metadataThread.call(this::openMetadataChannel);
            String home = metadataThread.callSftp(() -> home(metadata));
            root = settings.root().startsWith("/") ? settings.root() : home + "/" + settings.root();
        } catch (IOException | SftpException e) {
            disconnect();
            throw new IOException("unable to start SFTP on " + settings.address() + ": " + e.getMessage(), e);
        }
    }

    private ChannelSftp openMetadataChannel() throws IOException {
        try {
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(timeoutMillis());
            return SpecRename.apply(channel);
        } catch (JSchException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String home(ChannelSftp channel) throws SftpException {
        String home = channel.getHome();
        return home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
    }

    private IOException hostKeyRefused(String what, String where, RecordingHostKeys hostKeys, JSchException e) {
        byte[] key = hostKeys.presented();
        String shown = key == null ? "an unreadable key"
                : SshFingerprints.keyType(key) + " " + SshFingerprints.sha256(key);
        return new IOException("refusing to connect to " + settings.address() + ": its host key " + what + " " + shown
                + ", " + where + " '" + settings.knownHostsFile() + "'", e);
    }

    private void requireReadable(String what, String file) throws IOException {
        if (!Files.isReadable(java.nio.file.Path.of(file))) {
            throw new IOException("unable to connect to " + settings.address() + ": the " + what + " file '" + file
                    + "' is missing or unreadable");
        }
    }

    /**
     * Tears the session down after a stalled call: closes its socket first, which ends every call
     * blocked on it (a socket write to a stopped server blocks even JSch's own disconnect), then
     * disconnects. The next call connects again.
     */
    private void abort(Session stalled, OwnedSocket stalledSocket) {
        stalledSocket.close();
        synchronized (this) {
            if (session == stalled) {
                disconnect();
                return;
            }
        }
        stalled.disconnect(); // already replaced by a new session: end the old one's threads
    }

    /** Closes the metadata channel and the session; streams still open on it fail. */
    synchronized void disconnect() {
        if (metadata != null) {
            metadata.disconnect();
            metadata = null;
        }
        if (metadataThread != null) {
            metadataThread.close();
            metadataThread = null;
        }
        if (session != null) {
            session.disconnect();
            session = null;
        }
        socket = null;
    }
}
