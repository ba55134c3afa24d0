package org.lifeboat.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A production and a staging server of one kind that the tests of one class share, for a static
 * {@code @RegisterExtension} field: both start before the class's {@code @BeforeAll} methods and
 * are closed after its {@code @AfterAll} methods, as two {@link PerClassServer}s.
 *
 * @param <T> the server, such as {@link InfluxServer} or {@link S3Server}
 */
public final class ServerPair<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final PerClassServer<T> production;
    private final PerClassServer<T> staging;

    public ServerPair(PerClassServer.Start<T> start) {
        production = new PerClassServer<>(start);
        staging = new PerClassServer<>(start);
    }

    /** The server a backup reads from. */
    public T production() {
        return production.get();
    }

    /** The server a restore writes to. */
    public T staging() {
        return staging.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        production.beforeAll(context);
        staging.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            production.afterAll(context);
        } finally {
            staging.afterAll(context);
        }
    }
}
