package org.lifeboat.run;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code lifeboat serve} running in the test JVM under Quarkus (a {@code @QuarkusMainTest}), with the
 * real scheduler and HTTP listener, and the way to stop it as SIGTERM would.
 */
final class RunningServe implements AutoCloseable {

    private final CompletableFuture<LaunchResult> launched;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    private RunningServe(CompletableFuture<LaunchResult> launched, int port) {
        this.launched = launched;
        this.port = port;
    }

    /** Starts {@code lifeboat serve --config FILE} in the background; its HTTP listener is on {@code port}. */
    static RunningServe start(QuarkusMainLauncher launcher, String config, int port) throws Exception {
        RunningServe serve = new RunningServe(CompletableFuture.supplyAsync(() -> launcher.launch("serve", "--config", config)), port);
        await("serve to answer on port " + port, Duration.ofSeconds(60), () -> serve.status("/q/health/live") == 200);
        return serve;
    }

    /** A free port on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The status of {@code GET path}, or -1 when nothing answers. */
    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Waits up to {@code limit} for {@code condition}; fails naming {@code what}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Asks the running application to exit as SIGTERM does ({@code Quarkus.asyncExit}) and returns
     * its exit code. The application runs in Quarkus' own class loader, so its {@code Quarkus} class is
     * reached through a thread of the application, not the test's copy.
     */
    int stop() throws Exception {
        ClassLoader app = Thread.getAllStackTraces().keySet().stream().map(Thread::getContextClassLoader)
                .filter(cl -> cl != null && cl.getClass().getName().contains("QuarkusClassLoader")).findFirst()
                .orElseThrow(() -> new AssertionError("no thread of the application is running"));
        app.loadClass("io.quarkus.runtime.Quarkus").getMethod("asyncExit", int.class).invoke(null, 0);
        return launched.get(60, TimeUnit.SECONDS).exitCode();
    }

    @Override
    public void close() throws Exception {
        if (!launched.isDone()) {
            stop();
        }
    }
}
