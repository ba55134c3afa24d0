package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.cli.LifeboatCommand;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.SshServer;

/**
 * The configuration the chart renders into its ConfigMap is Lifeboat's own: with the key files
 * where the layout puts them (here under a temporary folder instead of /etc/lifeboat), {@code
 * lifeboat precheck} accepts it against a real sshd and PostgreSQL (exit 0) in both roles, and a
 * key the program does not know is refused by its loader (exit 2).
 */
class HelmConfigAcceptedTest {

    @RegisterExtension
    static final ClassServer<SshServer> ssh = new ClassServer<>(SshServer::start);
    @RegisterExtension
    static final ClassServer<PostgresServer> postgres = new ClassServer<>(PostgresServer::start);

    @TempDir
    Path work;

    @Test
    void productionsRenderedConfigurationPassesPrecheck() throws IOException {
        Run run = precheck(HelmChart.PRODUCTION, Map.of());
        assertEquals(0, run.code(), run.out() + run.err());
    }

    @Test
    void stagingsRenderedConfigurationPassesPrecheck() throws IOException {
        Run run = precheck(HelmChart.STAGING, Map.of());
        assertEquals(0, run.code(), run.out() + run.err());
    }

    @Test
    void aKeyTheProgramDoesNotKnowIsAConfigurationError() throws IOException {
        Run run = precheck(HelmChart.PRODUCTION, Map.of("extraConfig.retension.daily", "3"));
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("retension"), run.err());
    }

    private record Run(int code, String out, String err) {
    }

    /** Renders {@code values} aimed at the test servers (PostgreSQL only), installs the keys, runs precheck. */
    private Run precheck(Path values, Map<String, String> more) throws IOException {
        Map<String, Object> sets = new HashMap<>(Map.of(
                "store.root", ssh.get().root(),
                "store.sftp.host", ssh.get().host(),
                "store.sftp.port", Integer.toString(ssh.get().port()),
                "store.sftp.user", ssh.get().user(),
                "knownHosts", Files.readString(ssh.get().knownHosts()).strip(),
                "datastores.postgres.config.host", "127.0.0.1",
                "datastores.postgres.config.port", Integer.toString(postgres.get().port()),
                "datastores.postgres.config.user", postgres.get().superuser(),
                "datastores.postgres.config.bin-dir", postgres.get().binDir().toString()));
        sets.putAll(more);
        // PostgreSQL only: the other datastores' stand-ins are not what this test is about
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        @SuppressWarnings("unchecked")
        Map<String, Object> map = yaml.readValue(values.toFile(), Map.class);
        ((Map<?, ?>) map.get("datastores")).keySet().removeIf(kind -> !kind.equals("postgres"));
        Path postgresOnly = work.resolve("values.yaml");
        yaml.writeValue(postgresOnly.toFile(), map);
        HelmChart.Rendered rendered = HelmChart.parse(HelmChart.template(postgresOnly, sets));
        Path etc = work.resolve("etc-lifeboat");
        Path keys = etc.resolve("keys");
        KeyFiles.generate(keys);
        KeyFiles.generateState(keys);
        install(ssh.get().clientKey(), keys.resolve("ssh_ed25519"));
        install(postgres.get().passwordFile(), keys.resolve("postgres-password"));
        Files.writeString(keys.resolve("known_hosts"), rendered.configMap().getData().get("known_hosts"));
        String config = rendered.configMap().getData().get("lifeboat.yaml").replace("/etc/lifeboat/", etc + "/");
        Path file = etc.resolve("lifeboat.yaml");
        Files.writeString(file, config);
        StringWriter err = new StringWriter();
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true));
        try {
            int code = LifeboatCommand.execute(new String[] {"precheck", "--config", file.toString()}, Map.of(),
                    new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private static void install(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    }
}
