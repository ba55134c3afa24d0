package org.lifeboat.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.lifeboat.cli.LifeboatCommand;

/**
 * Runs the command line in this JVM, as {@code lifeboat ARGS} would, and keeps what it printed.
 * Not synchronized: runs meant to overlap (two backups racing for the lock) may; their stdout is
 * then mixed, so such tests read stderr and the exit code only.
 */
public final class CommandRun {

    /** The exit code, stderr and stdout of one run. */
    public record Outcome(int code, String err, String out) {
    }

    private CommandRun() {
    }

    /** Runs {@code args} with an empty environment; stdout is captured for the run. */
    public static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = LifeboatCommand.execute(args, Map.of(), new PrintWriter(err, true));
            return new Outcome(code, err.toString(), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }
}
