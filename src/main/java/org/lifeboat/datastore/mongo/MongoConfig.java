package org.lifeboat.datastore.mongo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code lifeboat.datastores.mongo}: a MongoDB deployment, backed up through the Java driver in the mongodump layout. */
public interface MongoConfig {
    /** {@code mongodb://host:port/?options}, without credentials. */
    String connectionString();

    /** The user to authenticate as; none when absent. */
    Optional<String> user();

    /** A file holding the password (0600). */
    Optional<Path> passwordFile();

    /** Or the name of an environment variable holding it. */
    Optional<String> passwordEnv();

    /** Where the user is defined; default admin. */
    Optional<String> authDatabase();

    /** Databases to back up; default all but admin, local and config. */
    Optional<List<String>> databases();

    Optional<List<String>> excludeDatabases();

    /** Collections never backed up, as {@code database.collection}. */
    Optional<List<String>> excludeCollections();
}
