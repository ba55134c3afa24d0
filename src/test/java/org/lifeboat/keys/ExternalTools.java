package org.lifeboat.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the standard tools (age, zstd, ssh-keygen) that artifacts and keys must work with. A missing
 * tool fails the test rather than skipping it: break-glass interoperability is a requirement.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The tool's path; fails the test if it is not installed. */
    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("'" + tool + "' is not installed but this test needs it: run scripts/install-deps");
    }

    /**
     * Runs {@code command} (its first word resolved with {@link #require}), with {@code stdin} as
     * input (or none) and stdout into {@code stdout} (or discarded); fails unless it exits 0.
     *
     * @return what the command wrote to stderr
     */
    public static String run(Path stdin, Path stdout, String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command));
        words.set(0, require(command[0]));
        Path stderr = Files.createTempFile("lifeboat-tool", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(words).redirectError(stderr.toFile());
            builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.to(stdout.toFile()));
            Process process = builder.start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + words);
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), words + " failed: " + errors);
            return errors;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs {@code command} without input and returns its stdout as text; fails unless it exits 0. */
    public static String output(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lifeboat-tool", ".out");
        try {
            run(null, out, command);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
