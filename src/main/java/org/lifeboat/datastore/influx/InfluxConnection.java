package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.influxdb.impl.InfluxDBImpl;

/**
 * One client of an InfluxDB 1.x server. Answers come as MessagePack, which keeps what JSON loses:
 * integers stay {@code Long} (all 64 bits), floats stay {@code Double}, timestamps come as exact
 * nanoseconds. Every failure is an {@link IOException} naming the server, the database and the
 * statement; the password is in no message and no URL (it travels in the Authorization header).
 */
final class InfluxConnection implements AutoCloseable {

    private final InfluxDB client;
    private final String address;
    private final InfluxSettings settings;

    private InfluxConnection(InfluxDB client, InfluxSettings settings) {
        this.client = client;
        this.address = "influxdb " + settings.address();
        this.settings = settings;
    }

    /** Connects and pings; the caller owns the connection and must close it. */
    static InfluxConnection open(InfluxSettings settings) throws IOException {
        long timeout = settings.timeout().toMillis();
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS).writeTimeout(timeout, TimeUnit.MILLISECONDS);
        InfluxConnection connection;
        try {
            // Without a user (authentication off) the factory refuses to build; the client itself then sends a blank
            // Authorization header, which InfluxDB ignores when authentication is off.
            InfluxDB client = settings.user() == null
                    ? new InfluxDBImpl(settings.url(), "", "", http, InfluxDB.ResponseFormat.MSGPACK)
                    : InfluxDBFactory.connect(settings.url(), settings.user(), settings.password() == null ? "" : settings.password(),
                            http, InfluxDB.ResponseFormat.MSGPACK);
            connection = new InfluxConnection(client, settings);
        } catch (RuntimeException e) {
            throw new IOException("unable to set up a client for influxdb " + settings.address() + ": " + e.getMessage(), e);
        }
        try {
            connection.version();
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The server's version from {@code /ping}. */
    String version() throws IOException {
        try {
            String version = client.ping().getVersion();
            if (version == null || version.isBlank() || "unknown".equalsIgnoreCase(version)) {
                throw new IOException("unable to reach " + address + ": no answer to /ping");
            }
            return version;
        } catch (RuntimeException e) {
            throw new IOException("unable to reach " + address + ": " + e.getMessage(), e);
        }
    }

    /** Runs one statement and returns its series; an error in the answer throws. */
    List<QueryResult.Series> query(String database, String statement) throws IOException {
        QueryResult result;
        try {
            result = client.query(new Query(statement, database));
        } catch (RuntimeException e) {
            throw failure(database, statement, e.getMessage(), e);
        }
        return InfluxResults.series(result, () -> failure(database, statement, InfluxResults.error(result), null));
    }

    /**
     * Runs one read statement as a chunked query ({@link InfluxSettings#batchSize()} rows a
     * chunk) and hands each chunk's series to {@code consumer} on this thread, in order. At most
     * a few chunks are held at a time, so memory does not grow with the answer.
     */
    void stream(String database, String statement, ChunkedQuery.SeriesConsumer consumer) throws IOException {
        new ChunkedQuery(client, settings.timeout()).run(new Query(statement, database), settings.batchSize(), consumer,
                message -> failure(database, statement, message, null));
    }

    /** Writes line-protocol records with nanosecond timestamps into {@code database}.{@code rp}. */
    void write(String database, String rp, List<String> lines) throws IOException {
        try {
            client.write(database, rp, InfluxDB.ConsistencyLevel.ONE, TimeUnit.NANOSECONDS, lines);
        } catch (RuntimeException e) {
            throw new IOException("unable to write " + lines.size() + " points into database '" + database
                    + "', retention policy '" + rp + "' on " + address + ": " + e.getMessage(), e);
        }
    }

    private IOException failure(String database, String statement, String message, Throwable cause) {
        return new IOException("query '" + statement + "'" + (database == null ? "" : " on database '" + database + "'")
                + " failed on " + address + ": " + message, cause);
    }

    @Override
    public String toString() {
        return address;
    }

    /** Closes the client and its HTTP connections; never throws. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            // nothing is pending on this client (no batching): a failed close loses nothing
        }
    }
}
