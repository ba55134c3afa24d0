package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.ConfigException;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.DatastoreFamily;
import org.lifeboat.datastore.postgres.pgbackrest.PgBackRestDatastore;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;

/** PostgreSQL: {@code dump} mode ({@link PgDumpDatastore}) or {@code differential} mode ({@link PgBackRestDatastore}). */
public final class PostgresFamily implements DatastoreFamily<PostgresConfig> {

    @Override
    public List<String> problems(PostgresConfig config, String prefix) {
        List<String> problems = new ArrayList<>();
        if (config.mode() == PostgresMode.differential && config.pgbackrest().isEmpty()) {
            problems.add(prefix + ".mode is differential but " + prefix + ".pgbackrest is not set");
        }
        return problems;
    }

    @Override
    public Datastore open(String name, PostgresConfig config, DatastoreContext context) throws IOException {
        String prefix = "lifeboat.datastores." + name;
        PostgresEndpoint endpoint = new PostgresEndpoint(config.host(), config.port(), config.user(),
                context.secrets().read(prefix + ".password-file", config.passwordFile(), prefix + ".password-env",
                        config.passwordEnv()).orElse(null), config.binDir());
        if (config.mode() == PostgresMode.differential) {
            return new PgBackRestDatastore(name, endpoint, PgBackRestWiring.settings(config, context)).keepingReplaced(context.keepReplaced());
        }
        if (context.pointInTime().isPresent()) {
            throw new ConfigException("a point-in-time restore needs " + prefix + ".mode: differential");
        }
        return new PgDumpDatastore(name, endpoint, new PgDumpOptions(config.databases().orElse(List.of()),
                config.excludeDatabases().orElse(List.of()), config.includeRolePasswords(), config.restoreOwnership(),
                config.restoreRole(), config.restoreAsSuperuser())).keepingReplaced(context.keepReplaced());
    }
}
