package org.lifeboat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * {@code lifeboat.timeouts}: how long an external tool (pg_dump, pg_restore, pg_dumpall, psql,
 * pg_ctl, pgbackrest and the ssh it runs) may run before it is killed and its datastore fails.
 */
public interface TimeoutsConfig {

    /** The limit of every tool of every datastore without one of its own. */
    @WithDefault("PT6H")
    Duration tool();

    /** Per datastore name ({@code postgres}, ...), a limit replacing {@link #tool()} for its tools. */
    Map<String, Duration> datastores();
}
