package org.lifeboat.datastore.postgres;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.lifeboat.datastore.ArtifactFileNames;
import org.lifeboat.datastore.SwapNames;

/**
 * File names for databases and the names Lifeboat gives databases while restoring: the scratch
 * database a dump is loaded into ({@code <db>_lifeboat_restore}), the live database moved aside
 * by a swap until it commits ({@code <db>__lifeboat_aside_<stamp>}) and the one a commit keeps with
 * {@code keep-replaced} ({@code <db>__lifeboat_kept_<stamp>}). Every such name fits PostgreSQL's
 * 63 bytes: a database name too long for its suffix is cut (at a character boundary) and followed
 * by a hash of the whole name, so two long names never share one. Database names may hold any
 * character; file names keep letters, digits, {@code -} and {@code _} and escape the rest.
 */
final class ArtifactNames {

    /** PostgreSQL's identifier limit in bytes. */
    private static final int NAME_LIMIT = 63;
    private static final String SCRATCH = "_lifeboat_restore";
    /** What an aside copy of the Lifeboat before stamped names was called. */
    private static final String OLD_PREVIOUS = "_lifeboat_previous";

    private ArtifactNames() {
    }

    /** {@code app} → {@code app.dump}; {@code my db} → {@code my%20db.dump}. */
    static String dumpFile(String database) {
        return ArtifactFileNames.of(database, ".dump");
    }

    /** The names of a swap ({@link SwapNames}) for databases, cut to fit 63 bytes. */
    static final SwapNames SWAP = new SwapNames(ArtifactNames::withSuffix, SCRATCH, OLD_PREVIOUS);

    /** The database a restore loads into before the swap. */
    static String scratch(String database) {
        return SWAP.scratch(database);
    }

    /** The name a swap moves the live database to, until the restore commits or rolls back. */
    static String aside(String database, String stamp) {
        return SWAP.aside(database, stamp);
    }

    /** The name a commit gives an aside copy before it drops it ({@link InterruptedSwap}). */
    static String done(String database, String stamp) {
        return SWAP.done(database, stamp);
    }

    /** The name a committed restore keeps the replaced database under with {@code keep-replaced}. */
    static String kept(String database, String stamp) {
        return SWAP.kept(database, stamp);
    }

    /** Whether {@code name} is a copy a committed restore kept with keep-replaced. */
    static boolean isKept(String name) {
        return SWAP.isKept(name);
    }

    /** Whether {@code name} is live data a swap moved aside and nobody committed or put back (a stamped or an older Lifeboat's copy). */
    static boolean isAside(String name) {
        return SWAP.isAside(name);
    }

    /** The live database an aside copy belongs to, when its name says it in full (it was not cut). */
    static Optional<String> liveOf(String aside) {
        return SWAP.liveOf(aside);
    }

    private static String withSuffix(String database, String suffix) {
        String name = database + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= NAME_LIMIT) {
            return name;
        }
        String hash = Integer.toHexString(database.hashCode());
        int room = NAME_LIMIT - suffix.length() - hash.length() - 1;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < database.length(); ) {
            int codePoint = database.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if ((prefix + next).getBytes(StandardCharsets.UTF_8).length > room) {
                break;
            }
            prefix.append(next);
            i += Character.charCount(codePoint);
        }
        return prefix + "_" + hash + suffix;
    }
}
