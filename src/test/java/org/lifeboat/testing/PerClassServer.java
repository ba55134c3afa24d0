package org.lifeboat.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server that the tests of one class share, for a static {@code @RegisterExtension} field: it
 * starts before the class's {@code @BeforeAll} methods and is closed after its {@code @AfterAll}
 * methods; a start that failed leaves nothing to close.
 *
 * @param <T> the server, such as {@link SshServer} or {@link PostgresServer}
 */
public final class PerClassServer<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    /** How to start the server ({@code SshServer::start}). */
    @FunctionalInterface
    public interface Start<T> {
        T start() throws Exception;
    }

    private final Start<T> start;
    private T server;

    public PerClassServer(Start<T> start) {
        this.start = start;
    }

    /** The running server; only between the class's first and last test (and in its {@code @BeforeAll}, {@code @AfterAll}). */
    public T get() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while its test class does:"
                    + " register it on a static @RegisterExtension field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = start.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            T running = server;
            server = null;
            running.close();
        }
    }
}
