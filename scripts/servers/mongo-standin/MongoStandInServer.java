import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB stand-in as a daemon: mongo-java-server (memory backend, speaking as MongoDB 5.0)
 * bound to {@code 127.0.0.1:<port>} until the process is stopped (SIGTERM runs the shutdown hook).
 * Prints {@code READY <port>} once listening. Started by {@code scripts/servers/mongo start}.
 * Unlike the tests' {@code MongoStandIn}, it does not watch stdin: its parent is a shell script
 * that returns at once.
 */
public final class MongoStandInServer {

    private MongoStandInServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            // netty's threads would keep the JVM alive without a server: exit, so the script sees it
            System.out.println("unable to listen on 127.0.0.1:" + port + ": " + e);
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "stop"));
        System.out.println("READY " + port);
        System.out.flush();
        stopped.await();
    }
}
