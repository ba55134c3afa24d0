package org.lifeboat.datastore.postgres.pgbackrest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** pgBackRest versions: parsing {@code pgbackrest version} output and the checks made on it. Pure. */
final class PgBackRestVersion {

    /** From this version on, {@code backup} may run on the database host with a remote repository. */
    static final String BACKUP_FROM_PG_HOST = "2.55";

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private PgBackRestVersion() {
    }

    /** {@code pgBackRest 2.45} → {@code 2.45}; anything else is refused with the text. */
    static String parse(String output) {
        Matcher matcher = VERSION.matcher(output);
        if (!output.strip().startsWith("pgBackRest") || !matcher.find()) {
            throw new IllegalArgumentException("not a pgBackRest version: '" + output.strip() + "'");
        }
        return matcher.group();
    }

    /**
     * Why the two sides cannot work together, or empty when they can: pgBackRest refuses a
     * remote of another version, so they must be equal.
     */
    static Optional<String> mismatch(String local, String localHost, String remote, String remoteHost) {
        if (local.equals(remote)) {
            return Optional.empty();
        }
        return Optional.of("pgBackRest versions differ: " + local + " on " + localHost + ", " + remote + " on the repository host "
                + remoteHost + "; install the same version on both");
    }

    /** Whether {@code version} can back up from the database host to a repository host. */
    static boolean backsUpFromPgHost(String version) {
        return compare(version, BACKUP_FROM_PG_HOST) >= 0;
    }

    /** Numeric comparison of dotted versions. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
