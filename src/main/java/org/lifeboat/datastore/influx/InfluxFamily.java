package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.List;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.DatastoreFamily;

/** InfluxDB 1.x: {@code dump} mode ({@link InfluxDumpDatastore}). */
public final class InfluxFamily implements DatastoreFamily<InfluxConfig> {

    @Override
    public Datastore open(String name, InfluxConfig config, DatastoreContext context) throws IOException {
        String prefix = "lifeboat.datastores." + name;
        String password = context.secrets().read(prefix + ".password-file", config.passwordFile(), prefix + ".password-env",
                config.passwordEnv()).orElse(null);
        return new InfluxDumpDatastore(name, new InfluxSettings(config.url(), config.user().orElse(null), password,
                config.databases().orElse(List.of()), config.excludeDatabases().orElse(List.of()),
                config.excludeMeasurements().orElse(List.of()), config.chunkDuration(), config.batchSize(), config.timeout())).keepingReplaced(context.keepReplaced());
    }
}
