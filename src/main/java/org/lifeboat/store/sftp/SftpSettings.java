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
 */
public record SftpSettings(String host, int port, String user, Path privateKeyFile, Path knownHostsFile,
        String root, Duration connectTimeout) {

    /** Checks that every field is present and sensible. */
    public SftpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SSH port " + port + " for " + host);
        }
        if (host.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("SFTP host and user must not be blank");
        }
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
