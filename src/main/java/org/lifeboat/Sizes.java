package org.lifeboat;

import java.util.Locale;

/** Human-readable sizes, rates and durations for progress lines and tables. */
public final class Sizes {

    private Sizes() {
    }

    /** {@code 1536} → {@code 1.5 KiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Megabytes (10^6) per second. */
    public static String rate(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%.1f MB/s", bytes / 1e6 / seconds);
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
