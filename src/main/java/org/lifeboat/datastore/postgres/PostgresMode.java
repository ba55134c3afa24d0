package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.ModeConverter;

/** How a PostgreSQL server is backed up ({@code lifeboat.datastores.postgres.mode}). */
public enum PostgresMode {
    /** {@code pg_dump} per database, restored with {@code pg_restore}. */
    dump,
    /** pgBackRest: a weekly full, daily differentials and WAL, restored with {@code pgbackrest restore}. */
    differential;

    /** Reads {@code mode}, naming both modes when it is neither. */
    public static final class Converter extends ModeConverter<PostgresMode> {
        public Converter() {
            super(PostgresMode.class);
        }
    }
}
