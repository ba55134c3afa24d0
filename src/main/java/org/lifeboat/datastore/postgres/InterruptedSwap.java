package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.datastore.RenamedSwapSettling;
import org.lifeboat.datastore.postgres.server.PostgresDatabases;

/**
 * Settles the swap of a dump restore that a killed Lifeboat left unfinished, before the next
 * restore loads anything: the databases' names ({@link ArtifactNames}) say what it had done, and
 * {@link RenamedSwapSettling} puts the aside databases back or finishes a commit killed half-way.
 * An aside database whose name does not say which database it was stops the restore, naming it and
 * the two ways to resolve it.
 */
final class InterruptedSwap {

    private InterruptedSwap() {
    }

    /** Settles whatever an interrupted swap left on the server {@code connection} is on; {@code name} is the datastore's. */
    static void settle(String name, Connection connection) throws IOException, SQLException {
        RenamedSwapSettling settling = new RenamedSwapSettling(name, "database", ArtifactNames.SWAP, new DatabaseSwap(connection));
        refuse(settling.settle(PostgresDatabases.list(connection).stream().map(PostgresDatabases.Entry::name).toList()));
    }

    private static void refuse(List<String> unreadable) throws IOException {
        if (unreadable.isEmpty()) {
            return;
        }
        List<String> how = new ArrayList<>();
        for (String database : unreadable.stream().sorted().toList()) {
            String live = ArtifactNames.liveOf(database).map(PostgresCatalog::quote).orElse("<the database it was>");
            how.add(PostgresCatalog.quote(database) + " (was " + live + "): to put it back, DROP DATABASE " + live
                    + " WITH (FORCE); ALTER DATABASE " + PostgresCatalog.quote(database) + " RENAME TO " + live
                    + "; or, to keep what that restore put in place, DROP DATABASE " + PostgresCatalog.quote(database));
        }
        throw new IOException("an earlier restore was interrupted between its swap and its commit and left the live data it"
                + " replaced aside in " + unreadable.size() + " database(s) whose names do not say in full which database each was;"
                + " nothing is restored until each is resolved by hand, so that none is lost: " + String.join("; ", how));
    }
}
