package org.lifeboat.rebuild;

import java.io.IOException;

/**
 * One job the restore drill runs after the datastores are restored: rebuild an index, call an
 * application's hook, run a command. Steps run one after the other, in the configured order.
 */
public interface RestoreStep {

    /** A short name for reports and errors, for example {@code elasticsearch bulk people}. */
    String name();

    /**
     * Does the job and checks its outcome. May be called again after a failure (each run starts
     * from what it finds); never leaves what it changed half-done: a step that replaces something
     * either replaces it whole or leaves the old one as it was.
     *
     * @return {@code ok} when the job was done and every check passed; not {@code ok} when the job
     *     ran to the end but a check failed (the details say which and what was left in place)
     * @throws IOException when the job could not run to the end (a server unreachable, an HTTP
     *     error, a source failing); the one-line message names the URL (without credentials), the
     *     object and the phase, and what was left in place
     */
    StepResult run() throws IOException;
}
