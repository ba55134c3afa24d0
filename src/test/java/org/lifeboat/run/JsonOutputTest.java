package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.repository.SetLayout;

/** {@code list --json}, {@code verify --json} and {@code precheck --json}: what a machine reads, against a real sshd and PostgreSQL. */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("registry", 20);
    private static Path backup;

    @BeforeAll
    static void start() throws Exception {
        backup = fixture.backupConfig("jsonenv", List.of("registry"), "    prune-after-backup: false\n");
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
    }

    @Test
    void listPrintsEverySetAsJson() throws Exception {
        LifeboatFixture.Outcome list = LifeboatFixture.run("list", "--json", "--config", backup.toString());
        assertEquals(0, list.code(), list.err());
        JsonNode sets = JSON.readTree(list.out());
        assertTrue(sets.isArray() && sets.size() == 1, list.out());
        JsonNode set = sets.get(0);
        assertEquals("complete", set.path("status").asText(), list.out());
        assertEquals("postgres", set.path("datastores").get(0).asText());
        assertTrue(set.path("storedBytes").asLong() > 0 && set.path("ageSeconds").asLong() >= 0, list.out());
        assertTrue(set.path("set").asText().startsWith("20"), list.out());
    }

    @Test
    void verifyPrintsEveryArtifactAsJson() throws Exception {
        LifeboatFixture.Outcome verify = LifeboatFixture.run("verify", "--json", "--config", backup.toString());
        assertEquals(0, verify.code(), verify.err());
        JsonNode findings = JSON.readTree(verify.out());
        assertTrue(findings.isArray() && findings.size() >= 3, verify.out()); // roles, databases.json, registry's dump
        for (JsonNode finding : findings) {
            assertTrue(finding.path("ok").asBoolean() && finding.path("path").asText().contains("/postgres/"), finding.toString());
        }
    }

    @Test
    void precheckPrintsEveryCheckAsJson() throws Exception {
        LifeboatFixture.Outcome precheck = LifeboatFixture.run("precheck", "--json", "--config", backup.toString());
        assertEquals(0, precheck.code(), precheck.err());
        List<String> subjects = new ArrayList<>();
        for (JsonNode check : JSON.readTree(precheck.out())) {
            assertTrue(check.path("ok").asBoolean(), check.toString());
            subjects.add(check.path("subject").asText());
        }
        assertTrue(subjects.contains("backup server") && subjects.stream().anyMatch(s -> s.startsWith("postgres")), subjects.toString());
    }

    /**
     * Precheck reads the newest complete set only (for the free-space check), not every set of the
     * environment: an older set whose manifest is a FIFO, which blocks whoever opens it to read,
     * would otherwise never let it end.
     */
    @Test
    void precheckReadsTheNewestCompleteSetAndNoOlderOne() throws Exception {
        Path environment = fixture.setsFolder("jsonenv");
        Path older = environment.resolve("2020-01-01");
        Path manifest = older.resolve(SetLayout.MANIFEST);
        Files.createDirectory(older);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0644", manifest.toString()).inheritIO().start();
            assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS), "mkfifo did not end within 10 s");
            assertEquals(0, mkfifo.exitValue(), "mkfifo's exit code");
            long folders;
            try (var entries = Files.list(environment)) {
                folders = entries.filter(entry -> Files.isDirectory(entry) && SetLayout.parse(entry.getFileName().toString()).isPresent()).count();
            }
            LifeboatFixture.Outcome precheck = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> LifeboatFixture.run("precheck", "--config", backup.toString()));
            assertEquals(0, precheck.code(), precheck.err());
            assertTrue(precheck.out().contains(" reachable, " + folders + " sets in 'jsonenv', the newest complete '"), precheck.out());
            assertTrue(precheck.out().contains("last set "), precheck.out());
        } finally {
            Files.deleteIfExists(manifest);
            Files.delete(older);
        }
    }
}
