package org.lifeboat.run.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Who holds a lock: what a refused run names, and what an operator reads in the lock file.
 *
 * @param host the holder's host name
 * @param pid its process id
 * @param command what it runs, for example {@code backup --datastore postgres}
 * @param started when it took the lock
 * @param token unique to this holding: two runs on one host in one second still differ
 */
public record LockHolder(String host, long pid, String command, Instant started, String token) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** This process, about to run {@code command}. */
    public static LockHolder self(String command, Instant now) {
        return new LockHolder(hostName(), ProcessHandle.current().pid(), command, now, UUID.randomUUID().toString());
    }

    /** {@code backup on host app-1 (pid 4242), started 2026-11-22T01:00:00Z}. */
    public String describe() {
        return "'" + command + "' on host " + host + " (pid " + pid + "), started " + started;
    }

    byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("host", host).put("pid", pid).put("command", command).put("started", started.toString()).put("token", token);
        return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static LockHolder fromJson(byte[] json, String where) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(json);
            return new LockHolder(node.path("host").asText("?"), node.path("pid").asLong(-1), node.path("command").asText("?"),
                    Instant.parse(node.path("started").asText()), node.path("token").asText());
        } catch (IOException | RuntimeException e) {
            throw new IOException("lock '" + where + "' is not a lock record: " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // no resolvable name (a container without /etc/hosts entry): the JVM's own name says host@pid
            String jvm = ManagementFactory.getRuntimeMXBean().getName();
            return jvm.contains("@") ? jvm.substring(jvm.indexOf('@') + 1) : "unknown";
        }
    }
}
