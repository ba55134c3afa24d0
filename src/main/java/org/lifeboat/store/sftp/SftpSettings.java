package org.lifeboat.store.sftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach an SFTP backup store. Holds file paths, never key material.
 *
 * @param host the server's name or address
 * @param port its SSH port
 * @param user the login
 * @param privateKeyFile the client's private key (for example ed25519, without passphrase)
 * @param knownHostsFile a known_hosts file pinning the server's host key; nothing else is trusted
 * @param root the store's root folder on the server: absolute, or relative to the user's home
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 * @param stallTimeout how long one SFTP call (open, a write's buffer or acknowledgements, a read,
 *     stat, rename, list, mkdir, remove, close) may go without an answer before the connection is
 *     torn down and the call fails: a limit on no progress, not on a transfer's length, since each
 *     call moves a bounded amount ({@code lifeboat.timeouts.store})
 */
public record SftpSettings(String host, int port, String user, Path privateKeyFile, Path knownHostsFile,
        String root, Duration connectTimeout, Duration stallTimeout) {

    /** The default of {@code lifeboat.timeouts.store}: a server silent this long is not coming back. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);

    /** Settings with the default {@link #stallTimeout()}. */
    public SftpSettings(String host, int port, String user, Path privateKeyFile, Path knownHostsFile, String root,
            Duration connectTimeout) {
        this(host, port, user, privateKeyFile, knownHostsFile, root, connectTimeout, DEFAULT_STALL_TIMEOUT);
    }

    /** Checks that every field is present and sensible. */
    public SftpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("lifeboat.timeouts.store must be positive, not " + stallTimeout);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SSH port " + port + " for " + host);
        }
        if (host.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("SFTP host and user must not be blank");
        }
    }

    /** These settings with another {@link #stallTimeout()}. */
    public SftpSettings withStallTimeout(Duration timeout) {
        return new SftpSettings(host, port, user, privateKeyFile, knownHostsFile, root, connectTimeout, timeout);
    }

    /** {@code host:port}, as error messages name the server. */
    public String address() {
        return host + ":" + port;
    }

    /** {@code sftp://user@host:port/root}; a home-relative root shows as {@code /~/root}. */
    public String describe() {
        String shownRoot = root.startsWith("/") ? root : "/~/" + root;
        return "sftp://" + user + "@" + address() + shownRoot;
    }
}
