package org.lifeboat.datastore;

import org.lifeboat.ConfigException;

/**
 * A disaster-recovery restore to a moment between backups (PostgreSQL in differential mode),
 * instead of to the backup itself. Exactly one of the two is given.
 *
 * @param time a timestamp such as {@code 2026-11-22 14:30:00+00}, or null
 * @param lsn a WAL position such as {@code 0/3000060}, or null
 */
public record PointInTime(String time, String lsn) {

    public PointInTime {
        if (time != null && lsn != null) {
            throw new ConfigException("give --target-time or --target-lsn, not both");
        }
    }
}
