package org.lifeboat.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB stand-in as a process of its own: mongo-java-server (memory backend, speaking as
 * MongoDB 5.0) bound to {@code 127.0.0.1:<port>}. Prints {@code READY <port>} once listening and
 * serves until its stdin closes or it is killed, so it never outlives the test JVM that started it.
 * Started by {@link MongoServer}; usable by hand: {@code java -cp <test classpath>
 * org.lifeboat.testing.MongoStandIn 27017}.
 */
public final class MongoStandIn {

    private MongoStandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", port);
        System.out.println("READY " + port);
        System.out.flush();
        // Blocks until the parent closes our stdin (or dies): then shut down.
        while (System.in.read() >= 0) {
            // ignore input: stdin only signals the parent's lifetime
        }
        server.shutdownNow();
    }
}
