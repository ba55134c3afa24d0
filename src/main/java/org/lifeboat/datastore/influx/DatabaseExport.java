package org.lifeboat.datastore.influx;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Writes one database as an {@code influx -import} file:
 *
 * <pre>
 * # DDL
 * CREATE DATABASE "db" WITH DURATION … NAME "default rp"
 * CREATE RETENTION POLICY "other" ON "db" DURATION … REPLICATION … SHARD DURATION …
 * CREATE CONTINUOUS QUERY …
 * # DML
 * # CONTEXT-DATABASE: db
 * # CONTEXT-RETENTION-POLICY: rp
 * measurement,tag=value field=1i 1700000000000000000
 * </pre>
 *
 * <p>{@code influx -import} sends its points in batches of {@value #IMPORT_BATCH} lines. The 1.6
 * importer sends a partial batch when the retention-policy context changes, but older importers
 * did not (the lines still waiting went into the next policy). So that any 1.x importer reads the
 * file right, before each new context the block is padded to a
 * multiple of {@value #IMPORT_BATCH} lines by repeating its last point; writing a point again with
 * the same values changes nothing in InfluxDB. The counts are of distinct points, without padding.
 */
final class DatabaseExport {

    /** The batch size of {@code influx -import} (importer/v8 batchSize). */
    static final int IMPORT_BATCH = 5000;


    private final InfluxConnection connection;
    private final InfluxSettings settings;
    private final InfluxCatalog catalog;

    DatabaseExport(InfluxConnection connection, InfluxSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.catalog = new InfluxCatalog(connection);
    }

    /**
     * Streams {@code database} into a new artifact and returns its record; the artifact is
     * discarded if anything fails. Fills {@code counts} with {@code "rp"."measurement"} → points
     * and adds what was left out to {@code excluded}.
     */
    ArtifactRecord write(ArtifactSink sink, String database, Map<String, Long> counts, List<String> excluded) throws IOException {
        List<RetentionPolicy> policies = catalog.retentionPolicies(database);
        List<String> continuousQueries = catalog.continuousQueries(database);
        List<String> measurements = catalog.measurements(database);
        ShardWindows shards = catalog.shardGroups(database);
        MeasurementExport export = new MeasurementExport(connection, settings.chunkDuration());

        // The artifact owns the stream: finish() stores it, close() without finish() discards it.
        try (ArtifactOutput out = sink.create(ArtifactNames.lineProtocolFile(database), database, InfluxDumpDatastore.FORMAT)) {
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 256 * 1024);
            text.write("# Lifeboat dump of InfluxDB database " + InfluxQl.identifier(database) + ": influx -import -path FILE -precision ns\n");
            text.write("# DDL\n");
            RetentionPolicy defaultPolicy = policies.stream().filter(RetentionPolicy::isDefault).findFirst().orElse(null);
            text.write((defaultPolicy == null ? "CREATE DATABASE " + InfluxQl.identifier(database)
                    : defaultPolicy.createDatabase(database)) + "\n");
            for (RetentionPolicy policy : policies) {
                if (policy != defaultPolicy) {
                    text.write(policy.create(database) + "\n");
                }
            }
            for (String continuousQuery : continuousQueries) {
                text.write(continuousQuery + "\n");
            }
            text.write("# DML\n# CONTEXT-DATABASE: " + database + "\n");
            Block block = new Block();
            for (RetentionPolicy policy : policies) {
                block.pad(text);
                text.write("# CONTEXT-RETENTION-POLICY: " + policy.name() + "\n");
                Map<String, FieldTypes> types = catalog.fieldTypes(database, policy.name());
                for (String measurement : measurements) {
                    if (settings.excludeMeasurements().contains(measurement)) {
                        excluded.add("measurement " + database + "." + InfluxQl.qualified(policy.name(), measurement));
                        continue;
                    }
                    long points = export.export(database, policy.name(), measurement, shards, types.get(measurement),
                            line -> block.write(text, line));
                    if (points > 0) {
                        counts.put(InfluxQl.qualified(policy.name(), measurement), points);
                    }
                }
            }
            text.flush();
            return out.finish();
        }
    }

    /** Lines written since the DML began, and the last one, for the padding. */
    private static final class Block {
        private long lines;
        private String last;

        void write(Writer text, String line) throws IOException {
            text.write(line);
            text.write('\n');
            lines++;
            last = line;
        }

        void pad(Writer text) throws IOException {
            while (lines % IMPORT_BATCH != 0) {
                write(text, last);
            }
        }
    }
}
