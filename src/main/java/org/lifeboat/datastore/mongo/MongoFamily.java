package org.lifeboat.datastore.mongo;

import java.io.IOException;
import java.util.List;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.DatastoreFamily;

/** MongoDB: {@code dump} mode ({@link MongoDumpDatastore}). */
public final class MongoFamily implements DatastoreFamily<MongoConfig> {

    @Override
    public Datastore open(String name, MongoConfig config, DatastoreContext context) throws IOException {
        String prefix = "lifeboat.datastores." + name;
        String password = context.secrets().read(prefix + ".password-file", config.passwordFile(), prefix + ".password-env",
                config.passwordEnv()).orElse(null);
        return new MongoDumpDatastore(name, new MongoSettings(config.connectionString(), config.user().orElse(null), password,
                config.authDatabase().orElse(null), config.databases().orElse(List.of()),
                config.excludeDatabases().orElse(List.of()), config.excludeCollections().orElse(List.of()))).keepingReplaced(context.keepReplaced());
    }
}
