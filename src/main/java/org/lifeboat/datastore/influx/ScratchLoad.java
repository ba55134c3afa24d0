package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Loads one artifact into a new scratch database: its retention policies are created there
 * keeping points for ever (so nothing expires before the check, however old the backup), its
 * points are written in batches into their policy, and its continuous queries are only collected
 * (run on the scratch copy they would add points to it).
 */
final class ScratchLoad {

    private static final String DML = "# DML";
    private static final String CONTEXT_POLICY = "# CONTEXT-RETENTION-POLICY:";

    private final InfluxConnection connection;
    private final int batchSize;

    ScratchLoad(InfluxConnection connection, int batchSize) {
        this.connection = connection;
        this.batchSize = batchSize;
    }

    /**
     * Reads {@code artifact} to its end (so its digests are checked) into {@code scratch}, which is
     * dropped first if a previous restore left it. The stream is opened and closed here.
     */
    LoadedDatabase load(ArtifactSource source, ArtifactRecord artifact, String scratch) throws IOException {
        String database = artifact.subject();
        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(scratch));
        List<RetentionPolicy> policies = new ArrayList<>();
        List<String> continuousQueries = new ArrayList<>();
        boolean inDml = false;
        String policy = null;
        List<String> batch = new ArrayList<>(batchSize);
        try (InputStream plain = source.open(artifact)) {
            LineProtocolReader reader = new LineProtocolReader(new InputStreamReader(plain, StandardCharsets.UTF_8));
            for (String line; (line = reader.next()) != null; ) {
                if (line.startsWith(DML)) {
                    inDml = true;
                    createScratch(scratch, policies);
                } else if (line.startsWith(CONTEXT_POLICY)) {
                    flush(scratch, policy, batch);
                    policy = line.substring(CONTEXT_POLICY.length()).strip();
                } else if (line.startsWith("#") || line.isBlank()) {
                    continue;
                } else if (!inDml) {
                    readDdl(line, policies, continuousQueries);
                } else {
                    if (policy == null) {
                        throw new IOException("point before any '" + CONTEXT_POLICY + "' line in '" + artifact.path() + "'");
                    }
                    batch.add(line);
                    if (batch.size() >= batchSize) {
                        flush(scratch, policy, batch);
                    }
                }
            }
            flush(scratch, policy, batch);
        }
        if (!inDml) {
            throw new IOException("'" + artifact.path() + "' has no '# DML' section");
        }
        return new LoadedDatabase(database, scratch, policies, continuousQueries, java.util.Map.of());
    }

    private static void readDdl(String line, List<RetentionPolicy> policies, List<String> continuousQueries) throws IOException {
        String upper = line.stripLeading().toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("CREATE DATABASE ")) {
            RetentionPolicy defaultPolicy = DdlParser.createDatabase(line);
            if (defaultPolicy != null) {
                policies.add(defaultPolicy);
            }
        } else if (upper.startsWith("CREATE RETENTION POLICY ")) {
            policies.add(DdlParser.createRetentionPolicy(line));
        } else if (upper.startsWith("CREATE CONTINUOUS QUERY ")) {
            continuousQueries.add(line.strip());
        } else {
            throw new IOException("unexpected DDL statement in the artifact: " + line);
        }
    }

    private void createScratch(String scratch, List<RetentionPolicy> policies) throws IOException {
        RetentionPolicy defaultPolicy = policies.stream().filter(RetentionPolicy::isDefault).findFirst().orElse(null);
        connection.query(null, defaultPolicy == null ? "CREATE DATABASE " + InfluxQl.identifier(scratch)
                : defaultPolicy.keepingForever().createDatabase(scratch));
        for (RetentionPolicy policy : policies) {
            if (policy != defaultPolicy) {
                connection.query(null, policy.keepingForever().create(scratch));
            }
        }
    }

    private void flush(String scratch, String policy, List<String> batch) throws IOException {
        if (!batch.isEmpty()) {
            connection.write(scratch, policy, batch);
            batch.clear();
        }
    }
}
