package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One series of an InfluxQL answer, with values exactly as the server sent them
 * ({@link MessagePackAnswer}): {@code Long} for integers and nanosecond times, {@code BigInteger}
 * for unsigned integers, {@code Double} for floats, {@code String}, {@code Boolean}, or null.
 *
 * @param name the measurement (or the name InfluxDB gives a SHOW answer)
 * @param tags the series' tags (empty values for tags the series does not have, under {@code GROUP BY *})
 * @param columns the column names, {@code time} first in a SELECT answer
 * @param values the rows; empty in a series handed to a {@link MessagePackAnswer.RowConsumer}
 */
record InfluxSeries(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {

    /** The index of {@code column}; throws naming the series if it has none. */
    int column(String column) throws IOException {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IOException("the answer of series '" + name + "' has no column '" + column + "': " + columns);
        }
        return index;
    }
}
