package org.lifeboat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * {@code lifeboat.timeouts}: how long an external tool (pg_dump, pg_restore, pg_dumpall, psql,
 * pg_ctl, pgbackrest and the ssh it runs) may run before it is killed and its datastore fails, and
 * how long a call to the backup store may go without progress.
 */
public interface TimeoutsConfig {

    /** The limit of every tool of every datastore without one of its own. */
    @WithDefault("PT6H")
    Duration tool();

    /** Per datastore name ({@code postgres}, ...), a limit replacing {@link #tool()} for its tools. */
    Map<String, Duration> datastores();

    /**
     * How long one call to the backup store (an SFTP open, write, read, stat, rename, list, mkdir,
     * remove or close) may go without an answer before its connection is closed and it fails. It
     * bounds silence, not a transfer: a long upload that keeps moving never reaches it.
     */
    @WithDefault("PT5M")
    Duration store();
}
