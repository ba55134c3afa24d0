package org.lifeboat.datastore.influx;

import java.util.List;
import java.util.Map;

/**
 * One database restored into its scratch database and checked.
 *
 * @param database the live database it replaces
 * @param scratch the scratch database holding the checked copy
 * @param policies the retention policies as backed up (the scratch keeps its points for ever)
 * @param continuousQueries the {@code CREATE CONTINUOUS QUERY} statements, created on the live database only
 * @param counts {@code "rp"."measurement"} → points, as checked in the scratch database
 */
record LoadedDatabase(String database, String scratch, List<RetentionPolicy> policies, List<String> continuousQueries,
        Map<String, Long> counts) {
}
