package org.lifeboat.testing;

/** A port on 127.0.0.1 that nothing listens on, for a datastore whose server cannot be reached. */
public final class ClosedPort {

    private ClosedPort() {
    }

    /**
     * A port the system handed out free and that was closed again at once; a server started later
     * could take it, so a test picks it after its own servers are up.
     */
    public static int pick() {
        return LocalServers.freePort();
    }
}
