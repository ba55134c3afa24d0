package org.lifeboat.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real tool that hangs (a shell waiting on a sleep it started) is killed at its limit, with what it started. */
class ToolTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aHungToolAndItsChildrenAreKilledAtTheLimitAndTheErrorNamesBoth() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        ToolCommand hang = ToolCommand.of("fake pg_dump of database 'app'",
                List.of("/bin/sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"), Map.of());
        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> ToolTimeout.during(
                new ToolTimeout(Duration.ofMillis(1500), "lifeboat.timeouts.datastores.postgres"), () -> ExternalProcess.run(hang)));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 1400 && elapsedMillis < 20_000, "killed after " + elapsedMillis + " ms");
        assertEquals("fake pg_dump of database 'app' was killed: it ran longer than its timeout of 1500 ms"
                + " (lifeboat.timeouts.datastores.postgres)", e.getMessage());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        // the sleep the shell started is gone too, not left behind re-parented to init
        for (int i = 0; i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child " + child + " still runs");
    }

    @Test
    void aToolWithinItsLimitRunsAsBeforeAndTheScopeEnds() throws Exception {
        String out = ToolTimeout.during(new ToolTimeout(Duration.ofSeconds(30), "lifeboat.timeouts.tool"),
                () -> ExternalProcess.run(ToolCommand.of("echo", List.of("/bin/echo", "ok"), Map.of())));
        assertEquals("ok\n", out);
        assertEquals(ToolTimeout.DEFAULT, ToolTimeout.current());
    }

    @Test
    void theLimitIsDescribedInUnitsAnOperatorReads() {
        assertEquals("6 h (lifeboat.timeouts.tool)", ToolTimeout.DEFAULT.describe());
        assertEquals("30 min (x)", new ToolTimeout(Duration.ofMinutes(30), "x").describe());
        assertThrows(IllegalArgumentException.class, () -> new ToolTimeout(Duration.ZERO, "x"));
    }
}
