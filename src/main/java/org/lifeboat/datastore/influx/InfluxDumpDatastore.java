package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.AbstractDatastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * An InfluxDB 1.x server backed up through its HTTP API with the InfluxDB Java client: one
 * {@code influx -import} line-protocol artifact per database ({@link DatabaseExport}), restored
 * into a scratch database, checked, then copied over the live one ({@link InfluxRestore}).
 */
public final class InfluxDumpDatastore extends AbstractDatastore {

    /** The artifact format: the line-protocol file {@code influx -import -precision ns} reads. */
    static final String FORMAT = "influx-line-protocol";

    private final InfluxSettings settings;

    public InfluxDumpDatastore(String name, InfluxSettings settings) {
        super(name, "influxdb", "dump");
        this.settings = settings;
    }

    @Override
    protected String address() {
        return "influxdb " + settings.address();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        return new InfluxBackup(this, settings).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new InfluxRestore(this, settings).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        List<Check> checks = new ArrayList<>();
        try (InfluxConnection connection = connect()) {
            checks.add(Check.ok(name() + ": server", "InfluxDB " + connection.version() + " at " + settings.address()));
            List<String> present = new InfluxCatalog(connection).databases();
            for (String wanted : settings.databases()) {
                if (!present.contains(wanted)) {
                    checks.add(Check.failed(name() + ": database " + wanted, "not found on influxdb " + settings.address()));
                }
            }
        } catch (IOException e) {
            checks.add(Check.failed(name() + ": server", e.getMessage()));
        }
        return checks;
    }

    /** A new connection; the caller closes it. The error names the server's address. */
    InfluxConnection connect() throws IOException {
        return InfluxConnection.open(settings);
    }

    /** The configured databases (each must exist), or all but {@code _internal}; less the excluded ones. */
    List<String> selectDatabases(List<String> present) throws IOException {
        List<String> selected = new ArrayList<>();
        if (settings.databases().isEmpty()) {
            present.stream().filter(d -> !InfluxSettings.INTERNAL_DATABASE.equals(d)).forEach(selected::add);
        } else {
            for (String wanted : settings.databases()) {
                if (!present.contains(wanted)) {
                    throw new IOException("database '" + wanted + "' does not exist");
                }
                selected.add(wanted);
            }
        }
        selected.removeAll(Set.copyOf(settings.excludeDatabases()));
        return selected;
    }

    /** The InfluxDB Java client's version, from its jar. */
    static String clientVersion() {
        String version = org.influxdb.InfluxDB.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    /** Whether a committed restore keeps the newest replaced copy ({@code lifeboat.restore.keep-replaced}). */
    boolean keepsReplaced() {
        return keepReplaced();
    }
}
