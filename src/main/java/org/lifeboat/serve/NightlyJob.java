package org.lifeboat.serve;

import java.io.IOException;
import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;

/**
 * One thing {@code serve} runs on a schedule, and exactly what the one-shot command of the same
 * name runs: {@link JobRunner} puts the lock, the notifications and the record around it in both.
 */
public interface NightlyJob {

    /** The command line it stands for, for locks, logs and notifications, for example {@code backup --datastore postgres}. */
    String command();

    /** The role it runs in; it is refused, before any lock is taken, on a server of the other. */
    Role role();

    /** {@code backup}, {@code restore} or {@code prune}. */
    String verb();

    /**
     * Runs it once on a freshly configured appliance.
     *
     * @throws IOException when it failed; a {@link org.lifeboat.run.RunFailedException} names what
     */
    RunReport run(Appliance appliance, Clock clock) throws IOException;
}
