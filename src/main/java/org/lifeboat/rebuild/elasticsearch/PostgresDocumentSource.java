package org.lifeboat.rebuild.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.rebuild.SecretFiles;

/**
 * The rows of a PostgreSQL query as documents. The query runs in a read-only transaction through a
 * server-side cursor (auto-commit off, forward-only, {@code fetchSize} rows per round trip), so the
 * JDBC driver holds one fetch batch and not the whole result.
 */
final class PostgresDocumentSource implements DocumentSource {

    private final PostgresQuerySettings settings;

    PostgresDocumentSource(PostgresQuerySettings settings) {
        this.settings = settings;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public long read(Sink sink) throws IOException {
        long rows = 0;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false); // the driver streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(settings.query(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(settings.fetchSize());
                try (ResultSet result = statement.executeQuery()) {
                    if (result.getMetaData().getColumnCount() != 2) {
                        throw new IOException("the query of " + describe() + " returns " + result.getMetaData().getColumnCount()
                                + " columns; it must return two: the id and the JSON document");
                    }
                    while (result.next()) {
                        String id = result.getString(1);
                        String json = result.getString(2);
                        if (id == null || json == null) {
                            throw new IOException("row " + (rows + 1) + " of the query of " + describe() + " has a NULL "
                                    + (id == null ? "id" : "document (id '" + id + "')"));
                        }
                        sink.accept(id, json.getBytes(StandardCharsets.UTF_8));
                        rows++;
                    }
                }
            }
            connection.rollback(); // read only: nothing to keep
        } catch (SQLException e) {
            throw new IOException("the query of " + describe() + " failed after " + rows + " rows: " + e.getMessage(), e);
        }
        return rows;
    }

    @Override
    public long count() throws IOException {
        String sql = settings.countQuery() != null ? settings.countQuery() : "SELECT count(*) FROM (" + settings.query() + ") q";
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                throw new IOException("the count query of " + describe() + " returned no row");
            }
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IOException("the count query of " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws IOException {
        String password = settings.passwordFile() == null ? null : SecretFiles.firstLine(settings.passwordFile());
        return new PostgresEndpoint(settings.host(), settings.port(), settings.user(), password, null).connect(settings.database());
    }
}
