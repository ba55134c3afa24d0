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
import java.util.ArrayDeque;
import java.util.Deque;
import org.lifeboat.process.ToolTimeout;

/**
 * One SSH session to the server, opened on first use and reopened if it drops, with a small pool
 * of open SFTP channels that calls and streams borrow one at a time (SFTP requests on one channel
 * cannot interleave, and opening a channel costs round trips and a server process). Host keys come
 * only from the pinned known_hosts file. Every call on a channel runs on that channel's
 * {@link ChannelThread}, within the stall limit; a stalled call tears the whole session down
 * ({@link #abort}), since its other channels go through the same server process and socket.
 */
final class SftpConnection {

    /**
     * AES only, AEAD first (the JDK's AES uses the CPU's AES instructions); JSch drops any this
     * runtime lacks. Not chacha20-poly1305: JSch has it from Bouncy Castle in pure Java, and merely
     * checking that it is there opens the signed bcprov jar, whose signature check took 0.21 s of
     * every command's start.
     */
    static final String CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes256-ctr";
    /**
     * Idle channels kept open for the next call. OpenSSH allows 10 channels per connection
     * (MaxSessions); a caller needing more at once than are idle gets new ones, closed when given
     * back beyond this many.
     */
    static final int POOLED_CHANNELS = 8;
    private static final int ALIVE_INTERVAL_MILLIS = 30_000;
    private static final int ALIVE_COUNT_MAX = 4;

    private final SftpSettings settings;
    private final Deque<SftpChannel> idle = new ArrayDeque<>();
    private Session session;
    private OwnedSocket socket;
    private String root;
    private int channelsOpened;

    SftpConnection(SftpSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs {@code call} on a pooled channel, connecting first if needed, waits for it within the
     * stall limit and gives the channel back. Calls from several threads run at once on separate
     * channels.
     */
    <T> T call(SftpChannel.Call<T> call) throws IOException, SftpException {
        SftpChannel channel = borrow();
        try {
            return channel.call(call);
        } finally {
            release(channel); // each call ends on a request answered or a channel closed: reusable if still open
        }
    }

    /**
     * An open channel for the caller alone: an idle one of the current session, or a new one. The
     * caller gives it back with {@link #release} when it is idle and clean (no reply in flight),
     * or closes it.
     */
    SftpChannel borrow() throws IOException {
        Session current;
        ChannelThread thread;
        synchronized (this) {
            ensureConnected();
            while (!idle.isEmpty()) {
                SftpChannel pooled = idle.pop();
                if (pooled.reusableOn(session)) {
                    return pooled;
                }
                pooled.close();
            }
            current = session;
            thread = new ChannelThread("sftp channel " + ++channelsOpened + " to " + settings.address(), stall());
        }
        try {
            return new SftpChannel(thread.call(() -> open(current)), thread, current);
        } catch (IOException | RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    /** Takes back a channel whose calls are all answered; one that is closed, stale or extra is closed. */
    void release(SftpChannel channel) {
        synchronized (this) {
            if (channel.reusableOn(session) && idle.size() < POOLED_CHANNELS) {
                idle.push(channel);
                return;
            }
        }
        channel.close();
    }

    private void ensureConnected() throws IOException {
        if (session == null || !session.isConnected()) {
            disconnect();
            connect();
        }
    }

    /** The store root as an absolute remote path. */
    synchronized String root() throws IOException {
        ensureConnected();
        return root;
    }

    /** What a stalled call on the current session does: tear that session down, and say so. */
    private ChannelThread.Stall stall() {
        Session stalled = session;
        OwnedSocket stalledSocket = socket;
        String describe = "the backup server " + settings.address() + " stalled: no reply for "
                + new ToolTimeout(settings.stallTimeout(), "lifeboat.timeouts.store").describe();
        return new ChannelThread.Stall(settings.stallTimeout().toMillis(), describe, () -> abort(stalled, stalledSocket));
    }

    /** A new SFTP channel on {@code current}; JSch's posix-rename cleared ({@link SpecRename}). */
    private ChannelSftp open(Session current) throws IOException {
        try {
            ChannelSftp channel = (ChannelSftp) current.openChannel("sftp");
            if (channel == null) {
                // JSch returns null, not an exception, when the session goes down while it opens the channel
                throw new IOException("unable to open an SFTP channel to " + settings.address()
                        + ": the SSH session went down");
            }
            channel.connect(timeoutMillis());
            return SpecRename.apply(channel);
        } catch (JSchException e) {
            String refused = String.valueOf(e.getMessage()).contains("not opened")
                    ? " (the server refused it: OpenSSH allows MaxSessions, by default 10, channels at once on a connection)"
                    : "";
            throw new IOException("unable to open an SFTP channel to " + settings.address() + ": " + e.getMessage()
                    + refused, e);
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
        channelsOpened = 0;
        SftpChannel first;
        try {
            first = borrow();
            String home = first.call(SftpConnection::home);
            root = settings.root().startsWith("/") ? settings.root() : home + "/" + settings.root();
        } catch (IOException | SftpException e) {
            disconnect();
            throw new IOException("unable to start SFTP on " + settings.address() + ": " + e.getMessage(), e);
        }
        release(first);
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

    /** Closes the pooled channels and the session; streams still open on it fail. */
    synchronized void disconnect() {
        while (!idle.isEmpty()) {
            idle.pop().close();
        }
        if (session != null) {
            session.disconnect();
            session = null;
        }
        socket = null;
        root = null;
    }
}
