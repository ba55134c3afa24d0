package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.Shell;

/**
 * Forged and unsigned sets, against a real production and staging PostgreSQL and the real sshd:
 * someone who can write to the backup server replaces an artifact by one encrypted to the public
 * recipient and fixes up the manifest's digests. Staging refuses it in restore and verify, and
 * nothing live is touched; so it does for a manifest signed by another key and for one without a
 * signature, unless the transition option accepts sets written before a given instant.
 */
class ForgedSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("civil", 300)
            .withSampleDatabase("fake", 7);
    private static Path set;
    private static byte[] genuineManifest;
    private static String genuineSignature;
    private static byte[] genuineDump;

    @BeforeAll
    static void backup() throws Exception {
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config",
                fixture.backupConfig("forgery", List.of("civil"), "").toString());
        assertEquals(0, outcome.code(), outcome.err());
        try (var sets = Files.list(fixture.setsFolder("forgery"))) {
            set = sets.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        genuineManifest = Files.readAllBytes(set.resolve("manifest.json"));
        genuineSignature = Files.readString(set.resolve("manifest.json.sig"));
        genuineDump = Files.readAllBytes(set.resolve("postgres/civil.dump.zst.age"));
    }

    @BeforeEach
    void genuineSetAndOtherStagingData() throws Exception {
        Files.write(set.resolve("manifest.json"), genuineManifest);
        Files.writeString(set.resolve("manifest.json.sig"), genuineSignature);
        Files.write(set.resolve("postgres/civil.dump.zst.age"), genuineDump);
        if (!fixture.staging.databaseExists("civil")) {
            fixture.staging.createDatabase("civil");
            PostgresSampleData.create(fixture.staging, "civil", 11);
        }
    }

    @Test
    void aForgedArtifactWithFixedUpDigestsIsRefusedAndNothingLiveIsTouched() throws Exception {
        forgeArtifact();
        String before = PostgresSampleData.fingerprint(fixture.staging, "civil");
        Path config = fixture.restoreConfig("forgery", fixture.identity());

        LifeboatFixture.Outcome restore = LifeboatFixture.run("restore", "--config", config.toString());
        assertEquals(1, restore.code(), restore.err());
        assertTrue(restore.err().contains("untrusted") && restore.err().contains("does not match the manifest"), restore.err());
        assertEquals(before, PostgresSampleData.fingerprint(fixture.staging, "civil"), "staging untouched");

        assertEquals(1, LifeboatFixture.run("verify", "--config", config.toString()).code());
        assertEquals(1, LifeboatFixture.run("verify", "--config", config.toString(), "--deep").code());
        assertEquals(1, LifeboatFixture.run("verify", "--config", config.toString(), "--set", "all").code());
    }

    @Test
    void aManifestSignedByAnotherKeyIsRefused() throws Exception {
        forgeArtifact();
        Path other = fixture.work.resolve("attacker");
        KeyFiles.generate(other);
        Files.delete(set.resolve("manifest.json.sig"));
        Shell.run("ssh-keygen -q -Y sign -f \"$KEY\" -n lifeboat-manifest \"$FILE\"",
                Map.of("KEY", other.resolve(KeyFiles.SIGNING_KEY).toString(), "FILE", set.resolve("manifest.json").toString()));
        String before = PostgresSampleData.fingerprint(fixture.staging, "civil");

        LifeboatFixture.Outcome restore = LifeboatFixture.run("restore", "--config",
                fixture.restoreConfig("forgery", fixture.identity()).toString());
        assertEquals(1, restore.code(), restore.err());
        assertTrue(restore.err().contains("a key that") && restore.err().contains("does not allow"), restore.err());
        assertEquals(before, PostgresSampleData.fingerprint(fixture.staging, "civil"));
    }

    @Test
    void anUnsignedSetIsRefusedUnlessTheTransitionOptionAcceptsIt() throws Exception {
        Files.delete(set.resolve("manifest.json.sig"));
        Path config = fixture.restoreConfig("forgery", fixture.identity());
        LifeboatFixture.Outcome refused = LifeboatFixture.run("restore", "--config", config.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("not signed"), refused.err());

        Files.writeString(config, Files.readString(config).replace("  environment: staging\n",
                "  environment: staging\n  accept-unsigned-before: 2100-01-01T00:00:00Z\n"));
        LifeboatFixture.Outcome accepted = LifeboatFixture.run("restore", "--config", config.toString());
        assertEquals(0, accepted.code(), accepted.err());
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "civil"), PostgresSampleData.fingerprint(fixture.staging, "civil"));
    }

    @Test
    void theGenuineSetRestoresAndVerifiesByHandWithSshKeygen() throws Exception {
        Path config = fixture.restoreConfig("forgery", fixture.identity());
        LifeboatFixture.Outcome restore = LifeboatFixture.run("restore", "--config", config.toString());
        assertEquals(0, restore.code(), restore.err());
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "civil"), PostgresSampleData.fingerprint(fixture.staging, "civil"));
        String out = Shell.run("ssh-keygen -Y verify -f \"$ALLOWED\" -I lifeboat -n lifeboat-manifest -s \"$SET/manifest.json.sig\""
                + " < \"$SET/manifest.json\"", Map.of("ALLOWED", fixture.keys.resolve(KeyFiles.ALLOWED_SIGNERS).toString(),
                        "SET", set.toString()));
        assertTrue(out.contains("Good \"lifeboat-manifest\" signature"), out);
    }

    /**
     * Does what an attacker with write access but no key can: a dump of another database,
     * compressed and encrypted to the public recipient, in place of the genuine one, and the
     * manifest's digests of it fixed up.
     */
    private static void forgeArtifact() throws Exception {
        Path dump = fixture.work.resolve("fake.dump");
        Shell.run("\"$BIN/pg_dump\" -Fc -Z0 -f \"$DUMP\" fake", Map.of("BIN", fixture.production.binDir().toString(),
                "DUMP", dump.toString(), "PGHOST", "127.0.0.1", "PGPORT", Integer.toString(fixture.production.port()),
                "PGUSER", "postgres", "PGPASSFILE", fixture.production.pgpassFile().toString()));
        Path artifact = set.resolve("postgres/civil.dump.zst.age");
        Shell.run("zstd -q -c \"$DUMP\" | age -R \"$RECIPIENTS\" > \"$OUT\"", Map.of("DUMP", dump.toString(),
                "RECIPIENTS", fixture.keys.resolve(KeyFiles.AGE_RECIPIENTS).toString(), "OUT", artifact.toString()));
        JsonNode manifest = JSON.readTree(genuineManifest);
        boolean found = false;
        for (JsonNode datastore : manifest.get("datastores")) {
            for (JsonNode record : datastore.get("artifacts")) {
                if (record.get("path").asText().equals("postgres/civil.dump.zst.age")) {
                    ObjectNode fixed = (ObjectNode) record;
                    fixed.put("plainBytes", Files.size(dump));
                    fixed.put("plainSha256", sha256(Files.readAllBytes(dump)));
                    fixed.put("storedBytes", Files.size(artifact));
                    fixed.put("storedSha256", sha256(Files.readAllBytes(artifact)));
                    found = true;
                }
            }
        }
        assertTrue(found, "the manifest names the artifact: " + manifest);
        Files.write(set.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
