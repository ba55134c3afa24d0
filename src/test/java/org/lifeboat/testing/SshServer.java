package org.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.lifeboat.store.sftp.SftpSettings;

/**
 * A real OpenSSH sshd on 127.0.0.1 and a free port, started by {@code scripts/servers/sshd} in a
 * temp folder, for the user {@value #USER} (created if missing). Must run as root. A missing sshd
 * or script fails the test: it never skips.
 */
public final class SshServer implements AutoCloseable {

    public static final String USER = "lifeboat-test";
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path script;
    private final Path dir;
    private final int port;
    private final List<Path> roots = new ArrayList<>();

    private SshServer(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server on a free loopback port in a new temp folder. */
    public static SshServer start() throws IOException {
        Path script = LocalServers.locateScript("scripts/servers/sshd");
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: run scripts/install-deps (tests need a real sshd)");
        }
        SshServer server = new SshServer(script, Files.createTempDirectory("lifeboat-sshd-"), LocalServers.freePort());
        try {
            server.run("start", server.dir.toString(), String.valueOf(server.port), USER);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** The folder holding keys, config, pid file and {@code sshd.log}. */
    public Path dir() {
        return dir;
    }

    /** The client's private ed25519 key, authorized for {@link #user()}. */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** A known_hosts file pinning this server's host key for {@code [127.0.0.1]:port}. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The server's host public key ({@code .pub} format). */
    public Path hostPublicKey() {
        return dir.resolve("ssh_host_ed25519_key.pub");
    }

    /**
     * A fresh empty folder owned by {@link #user()} in its home, as an absolute remote path (also
     * valid locally: the server runs on this machine). Removed by {@link #close()}.
     */
    public String root() throws IOException {
        Path root = Path.of(home(), "store-" + UUID.randomUUID());
        Files.createDirectories(root);
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(root, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(USER));
        view.setGroup(users.lookupPrincipalByGroupName(USER));
        roots.add(root);
        return root.toString();
    }

    private String home() throws IOException {
        String entry = run(List.of("getent", "passwd", USER)).trim();
        String[] fields = entry.split(":");
        if (fields.length < 6) {
            throw new IOException("unexpected passwd entry for " + USER + ": " + entry);
        }
        return fields[5];
    }

    /** Settings that reach this server as {@link #user()} with the pinned host key. */
    public SftpSettings settings(String root) {
        return new SftpSettings(host(), port, USER, clientKey(), knownHosts(), root, Duration.ofSeconds(10));
    }

    /**
     * Lets the existing OS user {@code osUser} (for example {@code postgres}) log in with
     * {@code publicKey}. Debian creates such users locked ({@code !}), which sshd refuses even for
     * keys: the password field becomes {@code *} (still no password login).
     */
    public void authorize(String osUser, Path publicKey) throws IOException {
        String shadow = run(List.of("getent", "shadow", osUser)).trim();
        String[] fields = shadow.split(":");
        if (fields.length > 1 && fields[1].startsWith("!")) {
            run(List.of("usermod", "-p", "*", osUser));
        }
        run("authorize", dir.toString(), osUser, publicKey.toString());
    }

    /** Kills the daemon and every session process of this server. */
    public void stop() throws IOException {
        run("stop", dir.toString());
    }

    /** Starts again on the same port with the same host key. */
    public void restart() throws IOException {
        run("start", dir.toString(), String.valueOf(port), USER);
    }

    /** Stops the server and removes its temp folder and the roots it handed out. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            for (Path root : roots) {
                LocalServers.deleteTree(root);
            }
            LocalServers.deleteTree(dir);
        }
    }

    private void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        run(command);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output
                    + " (missing sshd? run scripts/install-deps)");
        }
        return output;
    }
}
