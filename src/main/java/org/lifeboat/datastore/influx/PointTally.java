package org.lifeboat.datastore.influx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link PointScan} read of one measurement: points and values per field, separately
 * before and from a split time (so that old data, which nothing writes while a backup runs, can
 * be checked exactly while the newest data is still being written), the exact times of the first
 * and last point read, and the first and last times the server reported before the read.
 */
final class PointTally {

    /** Points and values per field of one part of the time range. */
    static final class Part {
        private long points;
        private final Map<String, Long> values = new TreeMap<>();

        long points() {
            return points;
        }

        /** field → values read. */
        Map<String, Long> values() {
            return values;
        }
    }

    private final long split;
    private final Part before = new Part();
    private final Part from = new Part();
    private Long firstRead;
    private Long lastRead;
    private Long firstStored;
    private Long lastStored;

    PointTally(long split) {
        this.split = split;
    }

    /** Counts one row ({@code time} first) that became a line. */
    void add(List<String> columns, List<Object> row) {
        long time = (Long) row.get(0);
        Part part = time < split ? before : from;
        part.points++;
        for (int i = 1; i < columns.size(); i++) {
            if (row.get(i) != null) {
                part.values.merge(columns.get(i), 1L, Long::sum);
            }
        }
        if (firstRead == null || time < firstRead) {
            firstRead = time;
        }
        if (lastRead == null || time > lastRead) {
            lastRead = time;
        }
    }

    /** The first and last point times the server reported before the read. */
    void edges(long first, long last) {
        firstStored = first;
        lastStored = last;
    }

    long points() {
        return before.points + from.points;
    }

    /** The points before the split time. */
    Part before() {
        return before;
    }

    /** The points at or after the split time. */
    Part from() {
        return from;
    }

    /** Whether the first and last points read are the ones the server reported (both null when it had none). */
    boolean edgesMatch() {
        return java.util.Objects.equals(firstRead, firstStored) && java.util.Objects.equals(lastRead, lastStored);
    }

    String edgesDescribed() {
        return "read " + firstRead + " … " + lastRead + " ns, the server's first and last points are at " + firstStored + " … "
                + lastStored + " ns";
    }
}
