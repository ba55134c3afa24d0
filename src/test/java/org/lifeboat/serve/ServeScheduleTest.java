package org.lifeboat.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.ConfigException;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.config.LifeboatConfig;

/** Which jobs serve schedules, on which cron, from the configuration reference's keys. */
class ServeScheduleTest {

    @TempDir
    Path dir;

    private LifeboatConfig config(String role, String serve) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                lifeboat:
                  environment: prod
                  store:
                    type: local
                    root: %s
                %s
                  datastores:
                    postgres:
                      host: 127.0.0.1
                    influx:
                      url: http://127.0.0.1:8086
                %s
                """.formatted(dir.resolve("store"), role, serve));
        return ConfigLoader.load(file, Map.of());
    }

    private static final String BACKUP = "  backup:\n    recipients-file: /nonexistent\n";
    private static final String RESTORE = "  restore:\n    source-environment: prod\n    identity-file: /nonexistent\n";

    private Map<String, String> jobs(LifeboatConfig config) {
        Map<String, String> jobs = new LinkedHashMap<>();
        new Serve(() -> null, config, Clock.systemUTC()).cronJobs().forEach((job, cron) -> jobs.put(job.command(), cron));
        return jobs;
    }

    @Test
    void theBackupRoleBacksUpEverythingAtOneByDefault() throws Exception {
        LifeboatConfig config = config(BACKUP, "");
        assertEquals(Map.of("backup", "0 0 1 * * ?"), jobs(config));
        assertEquals("UTC", config.serve().timeZone().getId());
        assertEquals(9464, config.serve().http().port());
        assertEquals("127.0.0.1", config.serve().http().host());
    }

    @Test
    void aDatastoreWithACronOfItsOwnLeavesTheNightlyJobForTheOthers() throws Exception {
        LifeboatConfig config = config(BACKUP, """
                  serve:
                    time-zone: Europe/Zurich
                    datastore-crons:
                      influx: "0 30 */4 * * ?"
                """);
        assertEquals(Map.of("backup --datastore influx", "0 30 */4 * * ?", "backup --datastore postgres", "0 0 1 * * ?"),
                jobs(config));
        assertEquals("Europe/Zurich", config.serve().timeZone().getId());
        LifeboatConfig allOwn = config(BACKUP, """
                  serve:
                    datastore-crons:
                      influx: "0 30 */4 * * ?"
                      postgres: "off"
                """);
        assertEquals(Map.of("backup --datastore influx", "0 30 */4 * * ?"), jobs(allOwn));
    }

    @Test
    void aCronForADatastoreThatIsNotConfiguredIsAConfigurationError() throws Exception {
        LifeboatConfig config = config(BACKUP, "  serve:\n    datastore-crons:\n      mongo: \"0 0 2 * * ?\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> jobs(config));
        assertTrue(e.getMessage().contains("lifeboat.serve.datastore-crons.mongo"), e.getMessage());
    }

    @Test
    void theRestoreRoleRestoresAtFourAndFollowModeIsOffByDefault() throws Exception {
        LifeboatConfig config = config(RESTORE, "");
        assertEquals(Map.of("drill", "0 0 4 * * ?"), jobs(config), "the restore role's nightly job is the drill");
        assertTrue(config.serve().followEvery().isEmpty());
        assertEquals(java.time.Duration.ofHours(26), config.serve().readyMaxAge());
        assertEquals(java.time.Duration.ofHours(26), config.alerts().staleAfter());
    }
}
