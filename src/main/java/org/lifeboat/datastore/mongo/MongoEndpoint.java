package org.lifeboat.datastore.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How to reach one MongoDB deployment. The password goes to the driver as a {@link MongoCredential},
 * never into a connection string, {@link #toString()} or a message; a connection string holding
 * credentials is refused.
 */
final class MongoEndpoint {

    /** Used when the connection string sets no {@code serverSelectionTimeoutMS}. */
    private static final long DEFAULT_SELECTION_SECONDS = 15;

    /**
     * Used when the connection string sets no {@code connectTimeoutMS} / {@code socketTimeoutMS}:
     * the driver's own read default is none, so a server that stops answering mid-cursor would hang
     * the run; a batch of a dump or a restore write answers well within this.
     */
    private static final int DEFAULT_CONNECT_SECONDS = 15;
    private static final int DEFAULT_READ_SECONDS = 300;

    private final ConnectionString connection;
    private final MongoSettings settings;
    private final String address;

    MongoEndpoint(MongoSettings settings) {
        try {
            this.connection = new ConnectionString(settings.connectionString());
        } catch (IllegalArgumentException e) {
            // the driver's message may quote the string: give only the redacted form
            throw new IllegalArgumentException("invalid MongoDB connection string '"
                    + MongoSettings.redacted(settings.connectionString()) + "'", e);
        }
        if (connection.getCredential() != null) {
            throw new IllegalArgumentException("the MongoDB connection string '" + MongoSettings.redacted(settings.connectionString())
                    + "' holds credentials: give user and password as settings instead");
        }
        this.settings = settings;
        String scheme = connection.isSrvProtocol() ? "mongodb+srv://" : "mongodb://";
        this.address = scheme + connection.getHosts().stream()
                .map(h -> connection.isSrvProtocol() || h.matches(".*:\\d+$") ? h : h + ":27017")
                .collect(Collectors.joining(","));
    }

    /** {@code mongodb://host:port[,host:port…]}: no user, no password, no options. */
    @Override
    public String toString() {
        return address;
    }

    /** A new client; the caller owns it and must close it. */
    MongoClient connect() {
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName("lifeboat");
        if (connection.getServerSelectionTimeout() == null) {
            builder.applyToClusterSettings(c -> c.serverSelectionTimeout(DEFAULT_SELECTION_SECONDS, TimeUnit.SECONDS));
        }
        builder.applyToSocketSettings(socket -> {
            if (connection.getConnectTimeout() == null) {
                socket.connectTimeout(DEFAULT_CONNECT_SECONDS, TimeUnit.SECONDS);
            }
            if (connection.getSocketTimeout() == null) {
                socket.readTimeout(DEFAULT_READ_SECONDS, TimeUnit.SECONDS);
            }
        });
        if (settings.user() != null && !settings.user().isBlank()) {
            char[] password = settings.password() == null ? new char[0] : settings.password().toCharArray();
            builder.credential(MongoCredential.createCredential(settings.user(), settings.authDatabase(), password));
        }
        return MongoClients.create(builder.build());
    }
}
