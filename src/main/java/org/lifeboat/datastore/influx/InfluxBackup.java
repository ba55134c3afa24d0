package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.manifest.ArtifactRecord;

/** One backup of an InfluxDB server: each selected database into its own line-protocol artifact. */
final class InfluxBackup {

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;

    InfluxBackup(InfluxDumpDatastore datastore, InfluxSettings settings) {
        this.datastore = datastore;
        this.settings = settings;
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        try (InfluxConnection connection = datastore.connect()) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("server", connection.version());
            versions.put("influxdb-java", InfluxDumpDatastore.clientVersion());
            List<String> present;
            try {
                present = new InfluxCatalog(connection).databases();
            } catch (IOException e) {
                throw new IOException("unable to list databases: " + e.getMessage(), e);
            }
            List<String> databases = datastore.selectDatabases(present);
            List<String> excluded = new ArrayList<>();
            present.stream().filter(d -> !databases.contains(d)).forEach(d -> excluded.add("database " + d));

            List<ArtifactRecord> artifacts = new ArrayList<>();
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            DatabaseExport export = new DatabaseExport(connection, settings);
            for (String database : databases) {
                Map<String, Long> measurements = new LinkedHashMap<>();
                try {
                    artifacts.add(export.write(sink, database, measurements, excluded));
                } catch (IOException | RuntimeException e) {
                    throw new IOException("database '" + database + "': " + e.getMessage(), e);
                }
                counts.put(database, measurements);
            }
            return new BackupResult(versions, artifacts, counts, excluded);
        }
    }
}
