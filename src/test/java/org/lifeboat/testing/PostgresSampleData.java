package org.lifeboat.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A small, realistic, deterministic schema for backup and restore round trips: the same
 * {@code rows} always give the same content, so {@link #fingerprint} taken before a backup must
 * equal the one taken after a restore.
 *
 * <p>{@code customers} (integer key, text with non-ASCII and quotes, numeric, timestamptz, bytea,
 * jsonb, NULLs and a unique constraint) has {@code rows} rows; {@code orders} has two per customer,
 * numbered by the sequence {@code order_no_seq} (from 1000), with a foreign key to
 * {@code customers} and a two-column index; the view {@code customer_totals} joins them.
 */
public final class PostgresSampleData {

    public static final List<String> TABLES = List.of("customers", "orders");
    public static final String SEQUENCE = "order_no_seq";
    public static final String VIEW = "customer_totals";
    public static final String INDEX = "orders_customer_placed_idx";

    private static final String SCHEMA = """
            CREATE SEQUENCE order_no_seq START 1000;
            CREATE TABLE customers (
                id integer PRIMARY KEY,
                name text NOT NULL,
                email text UNIQUE,
                balance numeric(12,2) NOT NULL,
                created_at timestamptz NOT NULL,
                avatar bytea,
                profile jsonb
            );
            CREATE TABLE orders (
                order_no bigint PRIMARY KEY DEFAULT nextval('order_no_seq'),
                customer_id integer NOT NULL REFERENCES customers (id),
                amount numeric(10,2) NOT NULL,
                placed_at timestamptz NOT NULL,
                note text
            );
            ALTER SEQUENCE order_no_seq OWNED BY orders.order_no;
            CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at);
            CREATE VIEW customer_totals AS
                SELECT c.id, c.name, count(o.order_no) AS orders, coalesce(sum(o.amount), 0) AS total
                FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
                GROUP BY c.id, c.name;
            """;

    private static final String CUSTOMERS = """
            INSERT INTO customers
            SELECT i,
                   (ARRAY['Zoë ', 'Łukasz ', '東京 ', 'O''Brien '])[i % 4 + 1] || i,
                   CASE WHEN i % 10 = 0 THEN NULL ELSE 'customer' || i || '@example.org' END,
                   round((i * 123.45) % 10000, 2) - 2500,
                   timestamptz '2026-01-01 00:00:00+00' + i * interval '37 minutes 11 seconds',
                   CASE WHEN i % 7 = 0 THEN NULL ELSE decode(md5(i::text), 'hex') || '\\x00ff'::bytea END,
                   jsonb_build_object('tier', i % 3, 'tags', jsonb_build_array('t' || i % 5, 'x'),
                                      'score', i * 0.5, 'active', i % 2 = 0)
            FROM generate_series(1, {rows}) AS i;
            """;

    private static final String ORDERS = """
            INSERT INTO orders (customer_id, amount, placed_at, note)
            SELECT (g - 1) / 2 + 1,
                   round((g * 7.31) % 500, 2) + 0.99,
                   timestamptz '2026-02-01 12:00:00+00' + g * interval '1 hour 3 minutes',
                   CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('note ' || g || ' ', g % 4 + 1) END
            FROM generate_series(1, 2 * {rows}) AS g
            ORDER BY g;
            """;

    private PostgresSampleData() {
    }

    /** Creates the schema in {@code db} (which must exist and lack these objects) and fills it. */
    public static void create(PostgresServer pg, String db, int rows) throws SQLException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, not " + rows);
        }
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(SCHEMA);
            s.execute(CUSTOMERS.replace("{rows}", Integer.toString(rows)));
            s.execute(ORDERS.replace("{rows}", Integer.toString(rows)));
            c.commit();
            s.execute("ANALYZE");
        }
    }

    /**
     * A digest of everything the sample holds: each table's row count and the md5 of its rows as
     * text in key order (with TimeZone UTC), and the sequence's position. Equal fingerprints mean
     * equal content.
     */
    public static String fingerprint(PostgresServer pg, String db) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String table : TABLES) {
                String key = table.equals("orders") ? "order_no" : "id";
                out.append(table).append('=').append(single(s, "SELECT count(*) || ':' || "
                        + "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t." + key + "), '')) FROM " + table + " t"))
                        .append(' ');
            }
            out.append(SEQUENCE).append('=')
                    .append(single(s, "SELECT last_value || ':' || is_called FROM " + SEQUENCE));
        }
        return out.toString();
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
