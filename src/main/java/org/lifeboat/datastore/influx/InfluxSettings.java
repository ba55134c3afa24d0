package org.lifeboat.datastore.influx;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach one InfluxDB 1.x server and what to back up. The password is never part of
 * {@link #toString()}.
 *
 * @param url the HTTP API, for example {@code http://127.0.0.1:8086}
 * @param user the user, or {@code null} when authentication is off
 * @param password the user's password, or {@code null}
 * @param databases databases to back up; empty means every database but {@code _internal}
 * @param excludeDatabases databases never backed up
 * @param excludeMeasurements measurements never backed up, in every database
 * @param chunkDuration the longest time window of one query while reading a measurement; windows
 *     never cross a shard group boundary, and time without a shard group is never queried
 * @param batchSize points per query chunk when reading, and per write when restoring
 * @param timeout connect and read timeout of one HTTP request
 */
public record InfluxSettings(String url, String user, String password, List<String> databases, List<String> excludeDatabases,
        List<String> excludeMeasurements, Duration chunkDuration, int batchSize, Duration timeout) {

    /** The database InfluxDB keeps its own statistics in; left out unless named explicitly. */
    public static final String INTERNAL_DATABASE = "_internal";

    public InfluxSettings {
        databases = List.copyOf(databases);
        excludeDatabases = List.copyOf(excludeDatabases);
        excludeMeasurements = List.copyOf(excludeMeasurements);
        if (chunkDuration.isNegative() || chunkDuration.isZero()) {
            throw new IllegalArgumentException("chunk-duration must be positive, not " + chunkDuration);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be at least 1, not " + batchSize);
        }
        URI.create(url);
    }

    /** The defaults for a server at {@code url}: every database, windows of at most a day, 10000 points. */
    public static InfluxSettings of(String url, String user, String password) {
        return new InfluxSettings(url, user, password, List.of(), List.of(), List.of(), Duration.ofDays(1), 10_000,
                Duration.ofMinutes(5));
    }

    /** {@code host:port} of the URL, for messages. */
    public String address() {
        URI uri = URI.create(url);
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return uri.getHost() + ":" + port;
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + URI.create(url).getScheme() + "://" + address() + ", user=" + user + ", password="
                + (password == null ? "none" : "(set)") + ", databases=" + databases + ", excludeDatabases=" + excludeDatabases
                + ", excludeMeasurements=" + excludeMeasurements + ", chunkDuration=" + chunkDuration + ", batchSize="
                + batchSize + ", timeout=" + timeout + "]";
    }
}
