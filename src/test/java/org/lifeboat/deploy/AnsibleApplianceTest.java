package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.SshServer;

/**
 * ansible/appliance-hosts.yml: syntax and ansible-lint clean, and run for real with
 * {@code connection=local} into a scratch root (a throwaway service user, no packages, no
 * systemctl) from what environment-init wrote: the key layout, modes and owners, no identity on
 * production, and a second run that changes nothing.
 */
class AnsibleApplianceTest {

    private static final String USER = "lifeboat-ansible-test";
    private static final Pattern RECAP = Pattern.compile("ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=0\\s+failed=0");
    private static SshServer ssh;

    @TempDir
    Path work;

    @BeforeAll
    static void server() throws IOException {
        ssh = SshServer.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void syntaxCheckAnsibleLintAndYamllintAreClean() throws Exception {
        Path inventory = inventory(work.resolve("production"));
        Scripts.Result syntax = ansible("ansible-playbook", "-i", inventory.toString(), "--syntax-check", "appliance-hosts.yml");
        assertEquals(0, syntax.code(), syntax.output());
        Scripts.Result lint = ansible("ansible-lint", "--offline", "appliance-hosts.yml");
        assertEquals(0, lint.code(), lint.output());
        Scripts.Result yamllint = ansible("yamllint", "-c", ".yamllint", "appliance-hosts.yml");
        assertEquals(0, yamllint.code(), yamllint.output());
    }

    @Test
    void installsTheLayoutIdempotentlyInBothRoles() throws Exception {
        Path production = work.resolve("production");
        Path root = work.resolve("root-production");
        init(production, root, "production");
        Path inventory = inventory(production);
        int[] first = recap(play(inventory, root));
        assertTrue(first[1] > 0, "the first run installs");
        Path etc = root.resolve("etc/lifeboat");
        for (String key : List.of("ssh_ed25519", "manifest-signing-key", "age-recipients.txt", "postgres-password", "known_hosts")) {
            PosixFileAttributes attributes = Files.readAttributes(etc.resolve("keys").resolve(key), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            assertEquals("rw-------", PosixFilePermissions.toString(attributes.permissions()), key);
            assertEquals(USER, attributes.owner().getName(), key);
            assertEquals(Files.readString(production.resolve("keys").resolve(key)), Files.readString(etc.resolve("keys").resolve(key)));
        }
        assertFalse(Files.exists(etc.resolve("keys/age-identity.txt")), "production never holds the identity");
        assertEquals(Files.readString(production.resolve("lifeboat.yaml")), Files.readString(etc.resolve("lifeboat.yaml")));
        assertTrue(Files.readString(etc.resolve("lifeboat.yaml")).contains("private-key-file: " + etc.resolve("keys/ssh_ed25519")));
        assertTrue(Files.isExecutable(root.resolve("opt/lifeboat/bin/lifeboat")), "the bundle is installed");
        String service = Files.readString(root.resolve("etc/systemd/system/lifeboat-backup.service"));
        assertTrue(service.contains("ExecStart=" + root.resolve("opt/lifeboat/bin/lifeboat") + " serve"), service);
        assertTrue(service.contains("Restart=on-failure") && service.contains("SuccessExitStatus=143"), service);
        assertFalse(Files.exists(root.resolve("etc/systemd/system/lifeboat-backup.timer")), "serve runs the schedule: no timer");

        int[] second = recap(play(inventory, root));
        assertEquals(0, second[1], "a second run changes nothing");

        Path staging = work.resolve("staging");
        Path stagingRoot = work.resolve("root-staging");
        init(staging, stagingRoot, "staging", "--identity", production.resolve("offline/age-identity.txt").toString(),
                "--allowed-signers", production.resolve("keys/allowed-signers").toString());
        recap(play(inventory(staging), stagingRoot, "-e", "lifeboat_run_by=timer"));
        Path stagingKeys = stagingRoot.resolve("etc/lifeboat/keys");
        assertTrue(Files.exists(stagingKeys.resolve("age-identity.txt")));
        for (String productionOnly : List.of("manifest-signing-key", "age-recipients.txt", "state-identity.txt")) {
            assertFalse(Files.exists(stagingKeys.resolve(productionOnly)), productionOnly);
        }
        String drill = Files.readString(stagingRoot.resolve("etc/systemd/system/lifeboat-restore.service"));
        assertTrue(drill.contains("/opt/lifeboat/bin/lifeboat drill") && drill.contains("Type=oneshot"), drill);
        assertTrue(Files.readString(stagingRoot.resolve("etc/systemd/system/lifeboat-restore.timer")).contains("OnCalendar="),
                "with lifeboat_run_by=timer the one-shot drill runs from a timer");
    }

    private void init(Path out, Path root, String name, String... more) throws Exception {
        Path password = work.resolve("postgres-password");
        Files.writeString(password, "secret\n");
        List<String> args = new java.util.ArrayList<>(List.of("--yes", "--out", out.toString(), "--install-dir",
                root.resolve("etc/lifeboat").toString(), "--port", Integer.toString(ssh.port()), "--postgres-password-file",
                password.toString()));
        args.addAll(List.of(more));
        args.addAll(List.of(name, "127.0.0.1"));
        Scripts.Result result = Scripts.run(Map.of("LIFEBOAT", Scripts.launcher(work).toString()), "scripts/environment-init",
                args.toArray(String[]::new));
        assertEquals(0, result.code(), result.output());
    }

    private Path inventory(Path environment) throws IOException {
        Path dir = work.resolve("inventory-" + environment.getFileName());
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("hosts.ini"), "[appliances]\napp ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        if (Files.exists(environment.resolve("ansible-host-vars.yml"))) {
            Files.copy(environment.resolve("ansible-host-vars.yml"), dir.resolve("host_vars/app.yml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve("hosts.ini");
    }

    private Scripts.Result play(Path inventory, Path root, String... extra) throws Exception {
        Path bundle = work.resolve("bundle");
        Files.createDirectories(bundle.resolve("bin"));
        Files.copy(HelmChart.REPO.resolve("bin/lifeboat"), bundle.resolve("bin/lifeboat"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new java.util.ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), "appliance-hosts.yml",
                "-e", "lifeboat_prefix=" + root, "-e", "lifeboat_user=" + USER, "-e", "lifeboat_bundle_dir=" + bundle,
                "-e", "lifeboat_install_packages=false", "-e", "lifeboat_systemd=false", "-e", "lifeboat_precheck=false"));
        command.addAll(List.of(extra));
        Scripts.Result run = ansible(command.toArray(String[]::new));
        assertEquals(0, run.code(), run.output());
        return run;
    }

    private static int[] recap(Scripts.Result run) {
        Matcher m = RECAP.matcher(run.output());
        assertTrue(m.find(), run.output());
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static Scripts.Result ansible(String... command) throws Exception {
        Path dir = HelmChart.REPO.resolve("ansible");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // Ansible ignores an ansible.cfg in a world-writable folder: name it explicitly
        builder.environment().put("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString());
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_LOCAL_TEMP", Files.createTempDirectory("ansible-local").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
        }
        return new Scripts.Result(process.exitValue(), out);
    }
}
