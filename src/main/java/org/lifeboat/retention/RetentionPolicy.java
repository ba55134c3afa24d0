package org.lifeboat.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the newest complete set of each of the last {@code daily} days, {@code weekly} ISO weeks
 * and {@code monthly} months that have a complete set (UTC), and always the newest complete set.
 * Only complete sets count. An unfinished set is removed once it is older than the grace period (it
 * may still be running before that). A set without a manifest that is not marked unfinished, or a
 * damaged one, is never removed: that is for an operator to look at.
 */
public record RetentionPolicy(int daily, int weekly, int monthly, Duration partialGrace) {

    /** The state of a set folder. */
    public enum State {
        /** A manifest that reads, and every artifact it names at its size: a backup. */
        COMPLETE("complete"),
        /** Marked {@code .partial}: a run in progress, one that failed, or one being deleted. */
        PARTIAL("unfinished"),
        /** Not marked unfinished but without a manifest. */
        NO_MANIFEST("no-manifest"),
        /** A manifest that does not read, or an artifact it names missing or of another size. */
        DAMAGED("damaged"),
        /** A manifest without a signature from an allowed key, or whose signature does not match it. */
        UNTRUSTED("untrusted");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** How {@code list} shows it. */
        public String label() {
            return label;
        }
    }

    /**
     * One set folder as prune sees it.
     *
     * @param folder the folder name
     * @param started when its run started
     * @param state complete, partial or without manifest
     */
    public record Candidate(String folder, Instant started, State state) {
    }

    /**
     * What happens to one folder, and why.
     *
     * @param folder the folder name
     * @param keep true to keep it
     * @param reason why, for {@code --dry-run} and the log
     */
    public record Decision(String folder, boolean keep, String reason) {
    }

    /** Decides every candidate; the result lists them newest first. */
    public List<Decision> decide(List<Candidate> candidates, Instant now) {
        List<Candidate> newestFirst = new ArrayList<>(candidates);
        newestFirst.sort(Comparator.comparing(Candidate::started).thenComparing(Candidate::folder).reversed());
        List<Candidate> complete = newestFirst.stream().filter(c -> c.state() == State.COMPLETE).toList();

        Map<String, List<String>> reasons = new LinkedHashMap<>();
        if (!complete.isEmpty()) {
            reasons.computeIfAbsent(complete.get(0).folder(), k -> new ArrayList<>()).add("newest complete set");
        }
        select(complete, daily, "daily", t -> t.toLocalDate().toString(), reasons);
        select(complete, weekly, "weekly",
                t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                reasons);
        select(complete, monthly, "monthly", t -> t.getYear() + "-" + String.format("%02d", t.getMonthValue()), reasons);

        List<Decision> decisions = new ArrayList<>();
        for (Candidate candidate : newestFirst) {
            decisions.add(decide(candidate, reasons.get(candidate.folder()), now));
        }
        return decisions;
    }

    private Decision decide(Candidate candidate, List<String> keptFor, Instant now) {
        return switch (candidate.state()) {
            case COMPLETE -> keptFor != null
                    ? new Decision(candidate.folder(), true, String.join(", ", keptFor))
                    : new Decision(candidate.folder(), false, "not selected by daily " + daily + ", weekly " + weekly
                            + ", monthly " + monthly);
            case PARTIAL -> {
                Duration age = Duration.between(candidate.started(), now);
                yield age.compareTo(partialGrace) > 0
                        ? new Decision(candidate.folder(), false, "unfinished set older than the grace period " + partialGrace)
                        : new Decision(candidate.folder(), true, "unfinished set within the grace period " + partialGrace
                                + " (may still be running)");
            }
            case NO_MANIFEST -> new Decision(candidate.folder(), true, "no manifest and not marked unfinished: left for an operator");
            case DAMAGED -> new Decision(candidate.folder(), true, "damaged (never counted as a backup): left for an operator");
            case UNTRUSTED -> new Decision(candidate.folder(), true, "not signed by an allowed key (never counted as a backup): left"
                    + " for an operator");
        };
    }

    private static void select(List<Candidate> complete, int count, String label,
            Function<ZonedDateTime, String> period, Map<String, List<String>> reasons) {
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : complete) {
            if (seen.size() >= count) {
                return;
            }
            String key = period.apply(candidate.started().atZone(ZoneOffset.UTC));
            if (seen.add(key)) {
                reasons.computeIfAbsent(candidate.folder(), k -> new ArrayList<>())
                        .add(label + " " + seen.size() + "/" + count + " (" + key + ")");
            }
        }
    }
}
