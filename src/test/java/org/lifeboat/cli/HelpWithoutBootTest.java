package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --version} and help are answered by the program's real entry point in a JVM of their own,
 * with exit 0 and the command line's own text, before Quarkus starts: nothing of its boot (no
 * banner, no log line, no configuration read) shows. Any other call still boots.
 */
class HelpWithoutBootTest {

    private record Result(int code, String out) {
    }

    private static Result main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LifeboatMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "it ended");
        return new Result(process.exitValue(), out);
    }

    @Test
    void versionAndHelpAreAnsweredWithoutQuarkus() throws Exception {
        Result version = main("--version");
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().strip().matches("lifeboat \\S+.*"), version.out());
        assertEquals(1, version.out().strip().lines().count(), "one line, nothing of a boot: " + version.out());

        for (String[] help : List.of(new String[] {"--help"}, new String[] {"backup", "--help"}, new String[] {"restore", "-h"})) {
            Result shown = main(help);
            assertEquals(0, shown.code(), shown.out());
            assertTrue(shown.out().startsWith("Usage: lifeboat"), shown.out());
            assertFalse(shown.out().contains("INFO") || shown.out().contains("Quarkus") || shown.out().contains("WARN"), shown.out());
        }
    }

    @Test
    void whatMoreThanAsksForHelpIsNotShortCut() {
        assertTrue(LifeboatMain.onlyAsksForHelpOrVersion("--version"));
        assertTrue(LifeboatMain.onlyAsksForHelpOrVersion("drill", "-h"));
        assertFalse(LifeboatMain.onlyAsksForHelpOrVersion("backup", "--config", "x.yaml", "--help"));
        assertFalse(LifeboatMain.onlyAsksForHelpOrVersion("list"));
        assertFalse(LifeboatMain.onlyAsksForHelpOrVersion());
    }
}
