package org.lifeboat.datastore;

import java.io.IOException;
import java.util.List;

/**
 * One kind of datastore, as the configuration knows it: the rules its settings must follow beyond
 * what their mapping ({@code C}) expresses, and how to build the datastore from them. Each family
 * package has one; {@code config.DatastoreKinds} registers it in one line.
 *
 * @param <C> the family's configuration mapping, for example {@code PostgresConfig}
 */
public interface DatastoreFamily<C> {

    /**
     * What is wrong with {@code config} that its mapping cannot say, one line each, naming the key
     * under {@code prefix} (for example {@code lifeboat.datastores.postgres}); empty if nothing.
     */
    default List<String> problems(C config, String prefix) {
        return List.of();
    }

    /**
     * Whether this configuration keeps a mirror of shared bodies beside the sets, which in the
     * backup role needs the state identity ({@code lifeboat.backup.state-identity-file}).
     */
    default boolean keepsMirror(C config) {
        return false;
    }

    /**
     * The datastore {@code name} configured by {@code config}. Reads the secrets it names.
     *
     * @throws org.lifeboat.ConfigException naming the key of a setting that cannot be used
     */
    Datastore open(String name, C config, DatastoreContext context) throws IOException;
}
