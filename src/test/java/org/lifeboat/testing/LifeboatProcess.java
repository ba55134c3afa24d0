package org.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lifeboat.cli.LifeboatCommand;

/**
 * The command line in a JVM of its own, started through a prefix such as {@code setpriv} (to run
 * it as another user with chosen capabilities), on the test's own class path. Its {@link #main}
 * is the command line without Quarkus start-up, as the tests run it in process.
 */
public final class LifeboatProcess {

    private LifeboatProcess() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(LifeboatCommand.execute(args, System.getenv()));
    }

    /** The outcome of one run: exit code and everything it printed. */
    public record Outcome(int code, String output) {
    }

    /** Runs {@code prefix} (e.g. setpriv and its options), then this JVM's java with {@code args}; waits up to 120 s. */
    public static Outcome run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"), LifeboatProcess.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Outcome(process.exitValue(), output);
    }
}
