package org.lifeboat.datastore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The moment a swap started, as the copies of live data it keeps aside carry it in their names
 * ({@code 20261202T134000Z}, 16 characters, sorting as time), so that copies of several swaps of
 * the same data can be told apart and the newest found by name alone.
 */
public final class SwapStamp {

    /** Its length in characters (and bytes). */
    public static final int LENGTH = 16;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SwapStamp() {
    }

    /** The stamp of now. */
    public static String now() {
        return of(Instant.now());
    }

    /** The stamp of {@code instant}, to the second. */
    public static String of(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether {@code text} is a stamp. */
    public static boolean is(String text) {
        return text.matches("\\d{8}T\\d{6}Z");
    }
}
