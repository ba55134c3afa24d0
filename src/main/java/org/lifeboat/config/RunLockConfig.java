package org.lifeboat.config;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code lifeboat.lock}: the one-run-at-a-time lock of an environment. */
public interface RunLockConfig {

    /** How often a run refreshes its lock on the backup server. */
    @WithDefault("PT1M")
    Duration refreshEvery();

    /**
     * A lock on the backup server not refreshed for this long belongs to a run that is gone (its
     * host died, its network went away); the next run takes it over with a warning. Several
     * refresh periods, so that a slow backup server does not lose a live run its lock.
     */
    @WithDefault("PT10M")
    Duration staleAfter();

    /** The local lock file; default {@code lifeboat-ENVIRONMENT.lock} in the temporary folder. */
    Optional<Path> localFile();
}
