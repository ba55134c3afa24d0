package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What every harness of a local server needs: its script, a free loopback port, clean-up. */
final class LocalServers {

    private LocalServers() {
    }

    /** {@code relative} (such as {@code scripts/servers/postgres}) in the project folder or one of its parents. */
    static Path locateScript(String relative) {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " in " + start + " or its parents; run the tests from the project");
    }

    /**
     * Runs {@code script} with {@code args} under bash and waits for it; a non-zero exit or a
     * timeout throws with the script's output and {@code hint} (what to install).
     */
    static void runScript(Path script, String label, long timeoutSeconds, String hint, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/bash", script.toString()));
        command.addAll(List.of(args));
        String what = "'" + label + " " + String.join(" ", args) + "'";
        try {
            Path output = Files.createTempFile("lifeboat-script-", ".log");
            try {
                // output goes to a file, so a chatty script can never block on a full pipe
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish in " + timeoutSeconds + " s" + hint);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ":\n"
                            + Files.readString(output).strip() + hint);
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unable to run " + what + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    /** A TCP port free on 127.0.0.1 now; it can be taken before the server binds, so starts retry. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to find a free port on 127.0.0.1", e);
        }
    }

    /** Deletes {@code root} and everything in it; a missing root is fine. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unable to delete '" + root + "'", e);
        }
    }
}
