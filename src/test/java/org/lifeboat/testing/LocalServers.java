package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
