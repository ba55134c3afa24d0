package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.impl.InfluxDBImpl;

/**
 * One client of an InfluxDB 1.x server. Statements go to {@code /query} as chunked MessagePack
 * requests with {@code epoch=ns}, read on the caller's thread by {@link MessagePackAnswer}: times
 * are exact nanoseconds, integers all 64 bits, floats stay floats; the socket is read only as fast
 * as the rows are consumed, so memory does not grow with the answer. Pings and writes of line
 * protocol go through the InfluxDB Java client (they carry text, which it does not alter). Every
 * failure is an {@link IOException} naming the server, the database and the statement; the
 * password is in no message and no URL (it travels in the Authorization header).
 */
final class InfluxConnection implements AutoCloseable {

    private static final String MESSAGEPACK = "application/x-msgpack";

    private final InfluxDB client;
    private final OkHttpClient http;
    private final HttpUrl queryUrl;
    private final String authorization;
    private final String address;
    private final int chunkSize;

    private InfluxConnection(InfluxDB client, OkHttpClient http, InfluxSettings settings) {
        this.client = client;
        this.http = http;
        this.queryUrl = Objects.requireNonNull(HttpUrl.parse(settings.url()), "url").newBuilder().addPathSegment("query").build();
        this.authorization = settings.user() == null ? null
                : Credentials.basic(settings.user(), settings.password() == null ? "" : settings.password(), StandardCharsets.UTF_8);
        this.address = "influxdb " + settings.address();
        this.chunkSize = settings.batchSize();
    }

    /** Connects and pings; the caller owns the connection and must close it. */
    static InfluxConnection open(InfluxSettings settings) throws IOException {
        long timeout = settings.timeout().toMillis();
        OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS).writeTimeout(timeout, TimeUnit.MILLISECONDS);
        InfluxConnection connection;
        try {
            // Without a user (authentication off) the factory refuses to build; the client itself then sends a blank
            // Authorization header, which InfluxDB ignores when authentication is off.
            InfluxDB client = settings.user() == null
                    ? new InfluxDBImpl(settings.url(), "", "", builder, InfluxDB.ResponseFormat.MSGPACK)
                    : InfluxDBFactory.connect(settings.url(), settings.user(), settings.password() == null ? "" : settings.password(),
                            builder, InfluxDB.ResponseFormat.MSGPACK);
            connection = new InfluxConnection(client, builder.build(), settings);
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

    /** Runs one statement and returns its series, rows collected (for answers of a known, small size). */
    List<InfluxSeries> query(String database, String statement) throws IOException {
        List<InfluxSeries> series = new ArrayList<>();
        stream(database, statement, (header, row) -> {
            InfluxSeries last = series.isEmpty() ? null : series.get(series.size() - 1);
            if (last == null || !Objects.equals(last.name(), header.name()) || !last.tags().equals(header.tags())
                    || !last.columns().equals(header.columns())) {
                last = new InfluxSeries(header.name(), header.tags(), header.columns(), new ArrayList<>());
                series.add(last);
            }
            last.values().add(row);
        });
        return series;
    }

    /**
     * Runs one statement as a chunked query ({@link InfluxSettings#batchSize()} rows a chunk) and
     * hands each row to {@code rows} on this thread, in the server's order. If {@code rows} throws,
     * the request is closed (InfluxDB then stops the query) and the exception passes through.
     */
    void stream(String database, String statement, MessagePackAnswer.RowConsumer rows) throws IOException {
        try {
            send(database, statement, rows);
        } catch (ConsumerStopped stopped) {
            if (stopped.getCause() instanceof IOException e) {
                throw e; // the consumer's own failure, with its own context
            }
            throw (RuntimeException) stopped.getCause();
        } catch (IOException | RuntimeException e) {
            throw failure(database, statement, e.getMessage(), e);
        }
    }

    private void send(String database, String statement, MessagePackAnswer.RowConsumer rows) throws IOException {
        FormBody.Builder form = new FormBody.Builder().add("q", statement).add("epoch", "ns").add("chunked", "true")
                .add("chunk_size", Integer.toString(chunkSize));
        if (database != null) {
            form.add("db", database);
        }
        Request.Builder request = new Request.Builder().url(queryUrl).header("Accept", MESSAGEPACK).post(form.build());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String type = response.header("Content-Type", "");
            if (!type.startsWith(MESSAGEPACK)) {
                String error = response.header("X-Influxdb-Error");
                throw new IOException("HTTP " + response.code() + (error != null ? ": " + error : " with a " + type + " answer"));
            }
            try (InputStream body = response.body().byteStream()) {
                MessagePackAnswer.read(body, (header, row) -> {
                    try {
                        rows.row(header, row);
                    } catch (IOException | RuntimeException e) {
                        throw new ConsumerStopped(e);
                    }
                });
            }
        }
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
        String shown = statement.length() > 300 ? statement.substring(0, 300) + "…" : statement;
        return new IOException("query '" + shown + "'" + (database == null ? "" : " on database '" + database + "'")
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
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        } catch (RuntimeException e) {
            // nothing is pending on this client (no batching, every answer read to its end): a failed close loses nothing
        }
    }

    /** Carries what a row consumer threw out of the read, told apart from failures of the request itself. */
    private static final class ConsumerStopped extends RuntimeException {
        ConsumerStopped(Exception cause) {
            super(cause);
        }
    }
}
