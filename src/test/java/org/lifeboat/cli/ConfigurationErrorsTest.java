package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.KeyFiles;

/**
 * Configuration errors through the command line: exit 2, one line on stderr naming the setting and
 * the file, no stack trace.
 */
class ConfigurationErrorsTest {

    @TempDir
    Path work;

    private Path production;
    private Path staging;

    @BeforeEach
    void keys() throws IOException {
        production = work.resolve("production");
        staging = work.resolve("staging");
        KeyFiles.generate(production);
        KeyFiles.generate(staging);
    }

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = LifeboatCommand.execute(args, Map.of(), new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    private Path config(String yaml) throws IOException {
        Path file = work.resolve("lifeboat.yaml");
        Files.writeString(file, "lifeboat:\n  environment: production\n  store:\n    type: local\n    root: " + work.resolve("store")
                + "\n" + yaml);
        return file;
    }

    private static void assertOneLineNaming(Run run, String... parts) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "'" + part + "' missing from: " + run.err());
        }
    }

    @Test
    void aWrongTypeBoolean() throws IOException {
        Path file = config("  backup:\n    recipients-file: " + production.resolve(KeyFiles.AGE_RECIPIENTS)
                + "\n    prune-after-backup: maybe\n");
        assertOneLineNaming(run("list", "--config", file.toString()), "lifeboat.backup.prune-after-backup", file.toString());
    }

    @Test
    void brokenYaml() throws IOException {
        Path file = config("  backup: [\n");
        assertOneLineNaming(run("list", "--config", file.toString()), file.toString(), "YAML");
    }

    @Test
    void aMissingPasswordFileIsNamedByItsKey() throws IOException {
        Path missing = work.resolve("no-such-password");
        Path file = config("  backup:\n    recipients-file: " + production.resolve(KeyFiles.AGE_RECIPIENTS)
                + "\n    signing-key-file: " + production.resolve(KeyFiles.SIGNING_KEY) + "\n  datastores:\n    postgres:\n      password-file: " + missing + "\n");
        assertOneLineNaming(run("backup", "--config", file.toString()), "lifeboat.datastores.postgres.password-file",
                missing.toString());
    }

    @Test
    void aMissingIdentityFileIsNamedByItsKey() throws IOException {
        Path missing = work.resolve("no-such-identity.txt");
        Path file = config("  restore:\n    source-environment: acceptance\n    identity-file: " + missing
                + "\n  datastores:\n    postgres:\n      port: 1\n");
        assertOneLineNaming(run("restore", "--config", file.toString()), "lifeboat.restore.identity-file", missing.toString());
        Run precheck = run("precheck", "--config", file.toString());
        assertEquals(2, precheck.code(), "precheck exits 2 for a configuration problem");
    }

    /** Staging's identity given to production as its state identity would let production decrypt every set. */
    @Test
    void aStateIdentityThatDecryptsForARecipientIsRefused() throws IOException {
        Files.writeString(production.resolve(KeyFiles.AGE_RECIPIENTS), Files.readString(staging.resolve(KeyFiles.AGE_RECIPIENTS)));
        Path file = config("  backup:\n    recipients-file: " + production.resolve(KeyFiles.AGE_RECIPIENTS)
                + "\n    state-identity-file: " + staging.resolve(KeyFiles.AGE_IDENTITY)
                + "\n    signing-key-file: " + production.resolve(KeyFiles.SIGNING_KEY)
                + "\n  datastores:\n    postgres:\n      port: 1\n");
        assertOneLineNaming(run("backup", "--config", file.toString()), "lifeboat.backup.state-identity-file",
                "lifeboat.backup.recipients-file");
        Run precheck = run("precheck", "--config", file.toString());
        assertEquals(2, precheck.code(), "precheck must not say ok state identity");
    }

    /** Transfers out of 1..64 (none, or more connections than pay) is refused before anything is contacted. */
    @Test
    void minioTransfersOutOfRangeAreNamedByTheirKey() throws IOException {
        for (String transfers : new String[] {"0", "65"}) {
            Path file = config("  backup:\n    recipients-file: " + production.resolve(KeyFiles.AGE_RECIPIENTS)
                    + "\n    signing-key-file: " + production.resolve(KeyFiles.SIGNING_KEY)
                    + "\n  datastores:\n    minio:\n      endpoint: http://127.0.0.1:1\n      access-key: lifeboat\n      transfers: "
                    + transfers + "\n");
            assertOneLineNaming(run("backup", "--config", file.toString()), "lifeboat.datastores.minio.transfers",
                    "1 to 64, not " + transfers);
        }
    }
}
