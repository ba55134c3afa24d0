package org.lifeboat.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.lifeboat.store.StorePaths;

/**
 * Names of sets and of the files inside them, for one environment. A set is named by its run's UTC
 * start date ({@code 2026-11-22}); a second run on the same day gets a time suffix
 * ({@code 2026-11-22T143015Z}). Until its manifest is written the folder carries
 * {@value #PARTIAL_SUFFIX}.
 */
public final class SetLayout {

    /** The suffix of a set folder whose run has not finished, or failed. */
    public static final String PARTIAL_SUFFIX = ".partial";

    /** The file that makes a set complete. */
    public static final String MANIFEST = "manifest.json";

    /** The manifest's SSH signature (namespace {@code lifeboat-manifest}), written just before the publish. */
    public static final String SIGNATURE = MANIFEST + ".sig";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter TIMED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'");

    private final String environment;

    public SetLayout(String environment) {
        this.environment = StorePaths.check(environment);
    }

    /** The folder holding this environment's sets. */
    public String environmentFolder() {
        return environment;
    }

    /**
     * The name for a set whose run starts at {@code start}: the day, or the day and time when any
     * folder of that day (the day's own, or one with a time, complete or partial) is among
     * {@code existing}. A day name sorts before every timed name of its day, so it is given only to
     * the day's first set: a later run must never get a name older than a set it follows, or prune
     * would take it for the older one.
     *
     * @throws IllegalStateException if a set of the same second exists: one run per second
     */
    public String newSetName(Instant start, Set<String> existing) {
        String day = DAY.format(start.atZone(ZoneOffset.UTC));
        if (existing.stream().noneMatch(name -> name.startsWith(day))) {
            return day;
        }
        String timed = TIMED.format(start.atZone(ZoneOffset.UTC));
        if (existing.contains(timed) || existing.contains(timed + PARTIAL_SUFFIX)) {
            throw new IllegalStateException("a set named '" + timed + "' already exists in '" + environment
                    + "': runs must start at least a second apart");
        }
        return timed;
    }

    /** The folder of a complete set. */
    public String setFolder(String setName) {
        return StorePaths.join(environment, setName);
    }

    /** The folder of a set while it is written. */
    public String partialFolder(String setName) {
        return StorePaths.join(environment, setName + PARTIAL_SUFFIX);
    }

    /** The manifest of a complete set. */
    public String manifestPath(String setName) {
        return StorePaths.join(setFolder(setName), MANIFEST);
    }

    /** The manifest signature of a complete set. */
    public String signaturePath(String setName) {
        return StorePaths.join(setFolder(setName), SIGNATURE);
    }

    /**
     * Reads a folder name of this layout: a set (complete or partial) with its start, or empty for
     * anything else (for example {@code pgbackrest}, {@code reports}), which sets never touch.
     */
    public static Optional<SetName> parse(String folderName) {
        boolean partial = folderName.endsWith(PARTIAL_SUFFIX);
        String name = partial ? folderName.substring(0, folderName.length() - PARTIAL_SUFFIX.length()) : folderName;
        try {
            Instant started = name.length() == 10
                    ? LocalDate.parse(name, DAY).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : LocalDateTime.parse(name, TIMED).toInstant(ZoneOffset.UTC);
            return Optional.of(new SetName(name, started, partial));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // not a set folder: left alone
        }
    }

    /**
     * A parsed set folder name.
     *
     * @param name the set's name without {@value #PARTIAL_SUFFIX}
     * @param started the start its name encodes (midnight UTC for a day name)
     * @param partial true for an unfinished set
     */
    public record SetName(String name, Instant started, boolean partial) {
        /** The folder name. */
        public String folderName() {
            return partial ? name + PARTIAL_SUFFIX : name;
        }
    }
}
