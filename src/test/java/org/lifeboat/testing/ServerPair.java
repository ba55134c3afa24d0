package org.lifeboat.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A production and a staging server of one kind for one test class (what is backed up, and where
 * it is restored), as a JUnit extension: registered in a static field with
 * {@code @RegisterExtension}, it starts production then staging before the class's first test and
 * closes both after its last, each through its own {@link ClassServer}; once both are up it picks
 * a {@link #closedPort()} for a datastore that cannot be reached.
 *
 * @param <S> the kind of server
 */
public final class ServerPair<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final ClassServer<S> production;
    private final ClassServer<S> staging;
    private int closedPort;

    public ServerPair(ClassServer.Starter<S> starter) {
        this.production = new ClassServer<>(starter);
        this.staging = new ClassServer<>(starter);
    }

    /** The server backed up; the extension closes it. */
    public S production() {
        return production.get();
    }

    /** The server restored into; the extension closes it. */
    public S staging() {
        return staging.get();
    }

    /** A port on 127.0.0.1 that nothing listened on once both servers were up ({@link ClosedPort}). */
    public int closedPort() {
        return closedPort;
    }

    /** Production, then staging. */
    public List<S> both() {
        return List.of(production(), staging());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        production.beforeAll(context);
        staging.beforeAll(context);
        closedPort = ClosedPort.pick();
    }

    /** Closes production, then staging, whether or not production's close failed. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            production.afterAll(context);
        } finally {
            staging.afterAll(context);
        }
    }
}
