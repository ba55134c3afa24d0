package org.lifeboat.testing;

import java.nio.file.Path;

/**
 * A server that one of {@code scripts/servers/*} starts ({@code start DIR PORT}) and stops
 * ({@code stop DIR}), on a free loopback port, in its own folder; stopped at JVM exit if a test
 * forgets. The harnesses ({@link PostgresServer}, {@link InfluxServer}, {@link S3Server}) hold one.
 */
final class ScriptedServer implements AutoCloseable {

    private final Path script;
    private final String scriptName;
    private final long timeoutSeconds;
    private final String hint;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;
    private boolean running;

    private ScriptedServer(Path script, String scriptName, long timeoutSeconds, String hint, Path dir, int port) {
        this.script = script;
        this.scriptName = scriptName;
        this.timeoutSeconds = timeoutSeconds;
        this.hint = hint;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stop " + scriptName + " " + dir);
    }

    /**
     * Starts {@code scriptName} in {@code dir}. The free port can be taken between probing and
     * binding, so a failed start is tried again on another port (the folder is kept: a retry only
     * starts the server again); after three failures {@code dir} is deleted and the last failure
     * thrown.
     */
    static ScriptedServer start(String scriptName, long timeoutSeconds, String hint, Path dir) {
        Path script = LocalServers.locateScript(scriptName);
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ScriptedServer server = new ScriptedServer(script, scriptName, timeoutSeconds, hint, dir, LocalServers.freePort());
            try {
                server.startAgain();
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            } catch (IllegalStateException e) {
                failure = e;
                try {
                    server.run("stop", dir.toString()); // a half-started server; stop is repeatable
                } catch (IllegalStateException ignored) {
                    // nothing was running: the start failure is the one to report
                }
            }
        }
        LocalServers.deleteTree(dir);
        throw failure;
    }

    Path dir() {
        return dir;
    }

    int port() {
        return port;
    }

    /** Runs the script with {@code args}; a failure throws with its output. */
    void run(String... args) {
        LocalServers.runScript(script, scriptName, timeoutSeconds, hint, args);
    }

    /** Starts the server (again) on the same port and folder; nothing happens if it runs. */
    synchronized void startAgain() {
        if (!running) {
            run("start", dir.toString(), Integer.toString(port));
            running = true;
        }
    }

    /** Stops the server, keeping its folder. Repeatable. */
    synchronized void stop() {
        if (running) {
            run("stop", dir.toString());
            running = false;
        }
    }

    /** Stops the server and deletes its folder. Repeatable. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs stop(), which is now a no-op.
        }
        LocalServers.deleteTree(dir);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // Called at JVM exit only: nothing left to report to.
        }
    }
}
