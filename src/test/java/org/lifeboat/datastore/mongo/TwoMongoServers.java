package org.lifeboat.datastore.mongo;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.ServerPair;

/**
 * What the MongoDB tests beyond the contract share: a production and a staging stand-in for the
 * class ({@link ServerPair}) and a fresh work folder for each test. A test class empties the
 * servers its own way in a {@code @BeforeEach} of its own.
 */
abstract class TwoMongoServers {

    @RegisterExtension
    static final ServerPair<MongoServer> servers = new ServerPair<>(MongoServer::start);

    @TempDir
    Path work;
}
