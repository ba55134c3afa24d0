package org.lifeboat.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for one test class, as a JUnit extension: registered in a static field with
 * {@code @RegisterExtension}, it starts the server before the class's first test and closes it
 * after its last. A server that cannot start fails the class (the servers' own {@code start()}
 * throws), rather than skipping it.
 *
 * @param <S> the kind of server ({@link MongoServer}, {@link PostgresServer}, {@link InfluxServer}, …)
 */
public final class ClassServer<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    /** How a server of the kind is started; the extension owns what it returns and closes it. */
    @FunctionalInterface
    public interface Starter<S> {
        S start() throws Exception;
    }

    private final Starter<S> starter;
    private S server;

    public ClassServer(Starter<S> starter) {
        this.starter = starter;
    }

    /** The running server; the extension closes it, not the caller. */
    public S get() {
        if (server == null) {
            throw new IllegalStateException("the server is not running: register the ClassServer with @RegisterExtension in a static field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = starter.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            S running = server;
            server = null;
            running.close();
        }
    }
}
