package org.lifeboat.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.store.sftp.SftpSettings;

/**
 * A backup server made by the real {@code ansible/backup-server.yml} (run with
 * {@code ansible-playbook --connection=local} against this machine, as root) and reached through
 * a real test sshd that includes the Match blocks the playbook wrote. The playbook creates real,
 * separate Unix users (idempotently: they stay between runs): production's writer
 * {@value #WRITER}, staging's reader {@value #READER}, the keeper {@value #KEEPER}, and the writer
 * of two more environments {@value #OTHER_WRITER} and {@value #MIRROR_WRITER} (whose server keeps a
 * copy of its state identity for the mirror sweep); a throw-away root and configuration folder.
 * A missing {@code ansible-playbook} or sshd fails the test: it never skips.
 */
public final class BackupServerAccounts implements AutoCloseable {

    public static final String ENVIRONMENT = "production";
    public static final String OTHER_ENVIRONMENT = "other";
    public static final String WRITER = "lifeboat-test-prod";
    public static final String READER = "lifeboat-test-staging";
    public static final String KEEPER = "lifeboat-test-keeper";
    public static final String OTHER_WRITER = "lifeboat-test-other";
    public static final String MIRROR_ENVIRONMENT = "mirror";
    public static final String MIRROR_WRITER = "lifeboat-test-mirror";
    public static final String GROUP = "lifeboat-test-production";

    private static final Path PLAYBOOK_BIN = Path.of("/usr/bin/ansible-playbook");

    private final SshServer ssh;
    private final Path work;
    private final Path root;
    private final Path keys;
    private final Path vars;

    private BackupServerAccounts(SshServer ssh, Path work) {
        this.ssh = ssh;
        this.work = work;
        this.root = work.resolve("root");
        this.keys = work.resolve("keys");
        this.vars = work.resolve("vars.json");
    }

    /**
     * Starts the sshd, makes the keys, runs the playbook once with the given retention for
     * {@value #OTHER_ENVIRONMENT} (production keeps the defaults), and
     * restarts the sshd so it reads the playbook's Match blocks.
     */
    public static BackupServerAccounts start(Map<String, Object> retention) throws IOException {
        if (!Files.isExecutable(PLAYBOOK_BIN)) {
            throw new IllegalStateException(PLAYBOOK_BIN + " is missing: run scripts/install-deps (the backup-server tests run"
                    + " the real playbook)");
        }
        SshServer ssh = SshServer.start();
        Path work = Path.of("/tmp", "lifeboat-server-" + UUID.randomUUID());
        BackupServerAccounts server = new BackupServerAccounts(ssh, work);
        try {
            Files.createDirectories(work);
            KeyFiles.generate(server.keys);
            KeyFiles.generate(server.stateKeys());
            for (String user : List.of(WRITER, READER, OTHER_WRITER, MIRROR_WRITER)) {
                generate(server.keys.resolve(user));
            }
            server.writeVars(retention);
            server.playbook();
            ssh.stop();
            ssh.restart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void writeVars(Map<String, Object> retention) throws IOException {
        String signers = Files.readString(keys.resolve(KeyFiles.ALLOWED_SIGNERS)).strip();
        Map<String, Object> production = Map.of("name", ENVIRONMENT, "group", GROUP, "writer_user", WRITER, "reader_user", READER,
                "writer_keys", List.of(publicKey(WRITER)), "reader_keys", List.of(publicKey(READER)),
                "allowed_signers", List.of(signers));
        Map<String, Object> other = Map.of("name", OTHER_ENVIRONMENT, "group", "lifeboat-test-other", "writer_user", OTHER_WRITER,
                "writer_keys", List.of(publicKey(OTHER_WRITER)), "allowed_signers", List.of(signers), "retention", retention);
        Map<String, Object> mirror = Map.of("name", MIRROR_ENVIRONMENT, "group", "lifeboat-test-mirror", "writer_user",
                MIRROR_WRITER, "writer_keys", List.of(publicKey(MIRROR_WRITER)), "allowed_signers", List.of(signers),
                "state_identity", Files.readString(stateKeys().resolve(KeyFiles.AGE_IDENTITY)).strip(),
                "retention", Map.of("daily", 1, "weekly", 0, "monthly", 0, "partial_grace", "PT0S"));
        Map<String, Object> all = Map.of(
                "lifeboat_backup_root", root.toString(),
                "lifeboat_keeper_user", KEEPER,
                "lifeboat_sshd_snippet", ssh.dir().resolve("sshd_config.d/lifeboat.conf").toString(),
                "lifeboat_sshd_service", "",
                "lifeboat_install_packages", false,
                "lifeboat_environments", List.of(production, other, mirror),
                "lifeboat_server", Map.of("install", true, "config_dir", work.resolve("etc").toString(),
                        "systemd_dir", work.resolve("systemd").toString(), "systemd", false, "stale_after", "P2D"));
        Files.createDirectories(ssh.dir().resolve("sshd_config.d"));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(vars.toFile(), all);
    }

    /** Runs the playbook against this machine; returns its output (the recap holds {@code changed=N}). */
    public String playbook() throws IOException {
        Path ansible = LocalServers.locateScript("ansible/backup-server.yml").getParent();
        Path inventory = work.resolve("inventory.ini");
        Files.writeString(inventory, "[backup_servers]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        List<String> command = new ArrayList<>(List.of(PLAYBOOK_BIN.toString(), "-i", inventory.toString(),
                ansible.resolve("backup-server.yml").toString(), "-e", "@" + vars));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ANSIBLE_CONFIG", ansible.resolve("ansible.cfg").toString());
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_LOCAL_TEMP", work.resolve("ansible-tmp").toString());
        builder.environment().put("ANSIBLE_REMOTE_TEMP", work.resolve("ansible-tmp").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        Path log = work.resolve("playbook-" + System.nanoTime() + ".log");
        try {
            Files.copy(process.getInputStream(), log);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ansible-playbook did not finish in 300 s, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running ansible-playbook", e);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IOException("ansible-playbook exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    /** The backup root the playbook made (also valid locally: the sshd runs on this machine). */
    public Path root() {
        return root;
    }

    /** An environment's folder on this machine. */
    public Path environment(String name) {
        return root.resolve(name);
    }

    /** The folder holding the Lifeboat keys (signing key, recipients, identity, allowed signers). */
    public Path keys() {
        return keys;
    }

    /** Production's own state identity ({@code age-identity.txt} here), which the playbook copies for the mirror sweep. */
    public Path stateKeys() {
        return work.resolve("state-keys");
    }

    /** The server-role configuration the playbook wrote for {@code environment}. */
    public Path serverConfig(String environment) {
        return work.resolve("etc").resolve("server-" + environment + ".yaml");
    }

    /** The folder the playbook wrote the systemd units into. */
    public Path systemdUnits() {
        return work.resolve("systemd");
    }

    /** Settings reaching the sshd as {@code user} (one of the constants) with its own key. */
    public SftpSettings settings(String user) {
        return new SftpSettings(ssh.host(), ssh.port(), user, keys.resolve(user), ssh.knownHosts(), root.toString(),
                Duration.ofSeconds(10));
    }

    /** The sshd. */
    public SshServer ssh() {
        return ssh;
    }

    /** A scratch folder for the test's own files. */
    public Path work() {
        return work;
    }

    private String publicKey(String user) throws IOException {
        return Files.readString(keys.resolve(user + ".pub")).strip();
    }

    private static void generate(Path privateKey) throws IOException {
        Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", privateKey.getFileName().toString(),
                "-f", privateKey.toString()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("ssh-keygen failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ssh-keygen", e);
        }
    }

    /** Stops the sshd and removes the root, the keys and the configuration (the users stay, for the next run). */
    @Override
    public void close() throws IOException {
        try {
            ssh.close();
        } finally {
            LocalServers.deleteTree(work);
        }
    }
}
