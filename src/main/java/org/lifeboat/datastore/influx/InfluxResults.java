package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.influxdb.dto.QueryResult;

/** Reading the client's {@link QueryResult}: errors first, then the series of every statement. */
final class InfluxResults {

    private InfluxResults() {
    }

    /** The error of the result or of any of its statements, or {@code null} when there is none. */
    static String error(QueryResult result) {
        if (result == null) {
            return "no answer";
        }
        if (result.getError() != null) {
            return result.getError();
        }
        if (result.getResults() != null) {
            for (QueryResult.Result statement : result.getResults()) {
                if (statement.getError() != null) {
                    return statement.getError();
                }
            }
        }
        return null;
    }

    /** Every series of every statement, or the exception {@code failure} gives if the answer holds an error. */
    static List<QueryResult.Series> series(QueryResult result, Supplier<IOException> failure) throws IOException {
        if (error(result) != null) {
            throw failure.get();
        }
        List<QueryResult.Series> series = new ArrayList<>();
        if (result.getResults() != null) {
            for (QueryResult.Result statement : result.getResults()) {
                if (statement.getSeries() != null) {
                    series.addAll(statement.getSeries());
                }
            }
        }
        return series;
    }

    /** The first column of every row of every series, as text. */
    static List<String> firstColumn(List<QueryResult.Series> series) {
        List<String> values = new ArrayList<>();
        for (QueryResult.Series s : series) {
            if (s.getValues() != null) {
                for (List<Object> row : s.getValues()) {
                    values.add(String.valueOf(row.get(0)));
                }
            }
        }
        return values;
    }
}
