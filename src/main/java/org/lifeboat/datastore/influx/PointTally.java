package org.lifeboat.datastore.influx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link PointScan} read in some time range: points, values per field, and the exact
 * times of the first and last point, to be compared with the server's own counts.
 */
final class PointTally {

    private long points;
    private final Map<String, Long> values = new TreeMap<>();
    private Long first;
    private Long last;

    /** Counts one row ({@code time} first) that became a line. */
    void add(List<String> columns, List<Object> row) {
        long time = (Long) row.get(0);
        points++;
        for (int i = 1; i < columns.size(); i++) {
            if (row.get(i) != null) {
                values.merge(columns.get(i), 1L, Long::sum);
            }
        }
        if (first == null || time < first) {
            first = time;
        }
        if (last == null || time > last) {
            last = time;
        }
    }

    long points() {
        return points;
    }

    /** field → values read. */
    Map<String, Long> values() {
        return values;
    }

    /** The time of the first point read, or null. */
    Long first() {
        return first;
    }

    /** The time of the last point read, or null. */
    Long last() {
        return last;
    }
}
