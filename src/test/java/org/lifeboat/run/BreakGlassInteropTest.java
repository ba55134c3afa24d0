package org.lifeboat.run;

import org.lifeboat.testing.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.testing.PostgresSampleData;

/**
 * The restore-by-hand procedure of the README, with the standard tools only: {@code age -d},
 * {@code zstd -d}, {@code pg_restore}. Also {@code lifeboat decrypt}, the same in one step.
 */
class BreakGlassInteropTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("civil", 400);
    private static Path set;

    @BeforeAll
    static void backup() throws Exception {
        Path config = fixture.backupConfig("breakglass", List.of("civil"), "");
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", config.toString());
        assertEquals(0, outcome.code(), outcome.err());
        try (var sets = Files.list(fixture.setsFolder("breakglass"))) {
            set = sets.findFirst().orElseThrow();
        }
    }

    @Test
    void ageAndZstdAndPgRestoreReadAnArtifact() throws Exception {
        Path dump = fixture.work.resolve("civil.dump");
        Path artifact = set.resolve("postgres/civil.dump.zst.age");
        Shell.run("age -d -i \"$IDENTITY\" \"$ARTIFACT\" | zstd -d -q -o \"$DUMP\"",
                Map.of("IDENTITY", fixture.identity().toString(), "ARTIFACT", artifact.toString(), "DUMP", dump.toString()));
        String toc = Shell.run("pg_restore -l \"$DUMP\"", Map.of("DUMP", dump.toString()));
        assertTrue(toc.contains("TABLE DATA public customers"), toc);
        assertTrue(toc.contains("TABLE DATA public orders"), toc);

        // and the dump restores with plain pg_restore into a new database, giving the same data
        fixture.staging.createDatabase("civil_by_hand");
        Shell.run("pg_restore --no-owner -d civil_by_hand \"$DUMP\"", Map.of("DUMP", dump.toString(), "PGHOST", "127.0.0.1",
                "PGPORT", Integer.toString(fixture.staging.port()), "PGUSER", "postgres",
                "PGPASSFILE", fixture.staging.pgpassFile().toString()));
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "civil"),
                PostgresSampleData.fingerprint(fixture.staging, "civil_by_hand"));
    }

    @Test
    void theRolesArtifactIsPlainSql() throws Exception {
        String sql = Shell.run("age -d -i \"$IDENTITY\" \"$ARTIFACT\" | zstd -d -q",
                Map.of("IDENTITY", fixture.identity().toString(), "ARTIFACT", set.resolve("postgres/roles.sql.zst.age").toString()));
        assertTrue(sql.contains("CREATE ROLE postgres;"), sql);
        assertTrue(!sql.contains("SCRAM-SHA-256$"), "role passwords are left out by default");
    }

    @Test
    void lifeboatDecryptGivesTheSameBytesAsTheTools() throws Exception {
        Path artifact = set.resolve("postgres/civil.dump.zst.age");
        Path viaLifeboat = fixture.work.resolve("civil-lifeboat.dump");
        Path viaTools = fixture.work.resolve("civil-tools.dump");
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("decrypt", "--identity", fixture.identity().toString(), "-o",
                viaLifeboat.toString(), artifact.toString());
        assertEquals(0, outcome.code(), outcome.err());
        Shell.run("age -d -i \"$IDENTITY\" \"$ARTIFACT\" | zstd -d -q -o \"$OUT\"",
                Map.of("IDENTITY", fixture.identity().toString(), "ARTIFACT", artifact.toString(), "OUT", viaTools.toString()));
        assertEquals(-1L, Files.mismatch(viaLifeboat, viaTools));
        assertTrue(Files.size(viaTools) > 10_000);
    }

    @Test
    void lifeboatDecryptOfADamagedArtifactFailsAndLeavesNoPlaintext() throws Exception {
        Path damaged = fixture.work.resolve("damaged.dump.zst.age");
        byte[] bytes = Files.readAllBytes(set.resolve("postgres/civil.dump.zst.age"));
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Path out = fixture.work.resolve("damaged.dump");
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("decrypt", "--identity", fixture.identity().toString(), "-o",
                out.toString(), damaged.toString());
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("damaged"), outcome.err());
        assertTrue(Files.notExists(out), "no partial plaintext is left");
    }
}
