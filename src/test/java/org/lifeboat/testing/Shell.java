package org.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs a shell pipeline the way an operator would type it (the restore-by-hand procedures), with
 * {@code pipefail}, so any failing tool in the pipeline fails the test.
 */
public final class Shell {

    private Shell() {
    }

    /**
     * Runs {@code script} under {@code bash -o pipefail -c} with {@code env} added, and returns its
     * output (stdout and stderr together).
     *
     * @throws AssertionError if it exits non-zero, with the script and its output
     */
    public static String run(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", script);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        if (code != 0) {
            throw new AssertionError(script + "\nexited " + code + ":\n" + out);
        }
        return out;
    }
}
