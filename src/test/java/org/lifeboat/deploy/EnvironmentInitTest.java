package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * scripts/environment-init, non-interactive, for a production and a staging environment against
 * a real sshd and PostgreSQL: what it writes passes {@code lifeboat precheck}, its Helm values
 * render with the chart, a second run changes nothing, a role change and a failed run are safe.
 */
class EnvironmentInitTest {

    private static final String SCRIPT = "scripts/environment-init";
    @RegisterExtension
    static final ClassServer<SshServer> ssh = new ClassServer<>(SshServer::start);
    @RegisterExtension
    static final ClassServer<PostgresServer> postgres = new ClassServer<>(PostgresServer::start);
    private static String root;

    @TempDir
    Path work;

    @BeforeAll
    static void root() throws IOException {
        root = ssh.get().root();
    }

    @Test
    void helpExitsZero() throws Exception {
        Scripts.Result help = Scripts.run(Map.of(), SCRIPT, "--help");
        assertEquals(0, help.code(), help.output());
        assertTrue(help.output().contains("--force-role-change"), help.output());
        assertEquals(2, Scripts.run(Map.of(), SCRIPT, "--no-such-option").code());
    }

    @Test
    void productionThenStagingPassPrecheckAndASecondRunChangesNothing() throws Exception {
        Path production = work.resolve("production");
        Scripts.Result first = init(production, "production", "--user", ssh.get().user());
        assertEquals(0, first.code(), first.output());
        for (String secret : List.of("keys/ssh_ed25519", "keys/manifest-signing-key", "keys/age-recipients.txt",
                "keys/postgres-password", "offline/age-identity.txt")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(production.resolve(secret))), secret);
        }
        assertFalse(Files.exists(production.resolve("keys/age-identity.txt")), "production never holds the identity");
        assertTrue(first.output().contains("offline/age-identity.txt"), "tells where the identity must go: " + first.output());
        String knownHosts = Files.readString(production.resolve("keys/known_hosts"));
        assertTrue(knownHosts.startsWith("[127.0.0.1]:" + ssh.get().port() + " ssh-ed25519 "),
                "not port 22: [host]:port; " + knownHosts);

        Map<String, String> before = snapshot(production);
        Scripts.Result second = init(production, "production", "--user", ssh.get().user());
        assertEquals(0, second.code(), second.output());
        assertTrue(second.output().contains("nothing changed"), second.output());
        assertEquals(before, snapshot(production), "a second run changes no file, not even its time");

        Path staging = work.resolve("staging");
        Scripts.Result stagingRun = init(staging, "staging", "--user", ssh.get().user(),
                "--identity", production.resolve("offline/age-identity.txt").toString(),
                "--allowed-signers", production.resolve("keys/allowed-signers").toString());
        assertEquals(0, stagingRun.code(), stagingRun.output());
        assertEquals(Files.readString(production.resolve("offline/age-identity.txt")),
                Files.readString(staging.resolve("keys/age-identity.txt")));
        for (String productionOnly : List.of("manifest-signing-key", "age-recipients.txt", "state-identity.txt")) {
            assertFalse(Files.exists(staging.resolve("keys").resolve(productionOnly)), productionOnly + " on staging");
        }

        for (Path environment : List.of(production, staging)) {
            ssh.get().authorize(ssh.get().user(), environment.resolve("keys/ssh_ed25519.pub"));
            Scripts.Result check = runLifeboat("precheck", "--config", environment.resolve("lifeboat.yaml").toString());
            assertEquals(0, check.code(), environment + ": " + check.output());
            // the Helm values it wrote render with the chart
            HelmChart.Rendered rendered = HelmChart.parse(HelmChart.template(environment.resolve("helm-values.yaml"), Map.of()));
            assertEquals(1, rendered.cronJobs().size(), environment.toString());
            assertEquals(knownHosts.strip(), rendered.configMap().getData().get("known_hosts").strip());
        }
    }

    @Test
    void aRoleChangeIsRefusedAndAFailedRunLeavesNoSecret() throws Exception {
        Path production = work.resolve("production");
        assertEquals(0, init(production, "production").code());
        Map<String, String> before = snapshot(production);
        Scripts.Result change = init(production, "production", "--role", "restore", "--identity",
                production.resolve("offline/age-identity.txt").toString(), "--allowed-signers",
                production.resolve("keys/allowed-signers").toString());
        assertEquals(2, change.code(), change.output());
        assertTrue(change.output().contains("--force-role-change"), change.output());
        assertEquals(before, snapshot(production));

        Path failed = work.resolve("failed");
        Scripts.Result unreachable = Scripts.run(Map.of("LIFEBOAT", Scripts.launcher(work).toString()), SCRIPT, "--yes",
                "--out", failed.toString(), "--port", Integer.toString(closedPort()), "production", "127.0.0.1");
        assertEquals(1, unreachable.code(), unreachable.output());
        try (Stream<Path> left = Files.walk(failed)) {
            assertEquals(List.of(failed), left.toList(), "nothing left behind by a failed run");
        }
    }

    private Scripts.Result init(Path out, String name, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--yes", "--out", out.toString(), "--install-dir", out.toString(),
                "--port", Integer.toString(ssh.get().port()), "--root", root,
                "--postgres", "127.0.0.1:" + postgres.get().port(), "--postgres-user", postgres.get().superuser(),
                "--postgres-password-file", postgres.get().passwordFile().toString(),
                "--postgres-bin-dir", postgres.get().binDir().toString()));
        args.addAll(List.of(more));
        args.addAll(List.of(name, "127.0.0.1"));
        return Scripts.run(Map.of("LIFEBOAT", Scripts.launcher(work).toString()), SCRIPT, args.toArray(String[]::new));
    }

    private Scripts.Result runLifeboat(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Scripts.launcher(work).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Scripts.Result(p.waitFor(), out);
    }

    /** Every file under {@code dir} with its SHA-256 and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                try {
                    files.put(dir.relativize(file).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) + " " + Files.getLastModifiedTime(file));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return files;
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
