package org.lifeboat.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Keeps the newest complete set of each of the last {@code daily} days, {@code weekly} ISO weeks
 * and {@code monthly} months that have a complete set (UTC), and always the newest complete set;
 * when sets hold different datastores (runs of some datastores only), all of this for each
 * datastore over the sets that hold it, so the newest complete set of every datastore stays.
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
        UNTRUSTED("untrusted"),
        /**
         * On the backup server: complete and signed, but not sealed by its keeper (production could
         * still change it, or it is named for a time it was not published at).
         */
        UNSEALED("unsealed");

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
     * @param datastores the datastores a complete set holds (a run of some datastores only, for
     *     example one Kubernetes job per datastore, makes a set of those); empty for the others
     */
    public record Candidate(String folder, Instant started, State state, Set<String> datastores) {

        public Candidate {
            datastores = Set.copyOf(datastores);
        }

        /** A set whose datastores do not matter: every complete set holds the same ones. */
        public Candidate(String folder, Instant started, State state) {
            this(folder, started, state, Set.of());
        }
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

        // Each datastore is kept by the policy over the sets that hold it: the newest set of a day
        // may hold only one datastore. When every set holds the same ones, that is one policy.
        boolean uniform = complete.stream().map(Candidate::datastores).distinct().count() <= 1;
        Set<String> named = new TreeSet<>();
        complete.forEach(c -> named.addAll(c.datastores()));
        Set<String> datastores = uniform || named.isEmpty() ? Set.of("") : named;
        Map<String, Set<String>> reasons = new LinkedHashMap<>();
        for (String datastore : datastores) {
            List<Candidate> holding = complete.stream().filter(c -> datastore.isEmpty() || c.datastores().contains(datastore))
                    .toList();
            String of = datastore.isEmpty() ? "" : " of " + datastore;
            if (!holding.isEmpty()) {
                reasons.computeIfAbsent(holding.get(0).folder(), k -> new LinkedHashSet<>()).add("newest complete set" + of);
            }
            select(holding, daily, "daily", of, t -> t.toLocalDate().toString(), reasons);
            select(holding, weekly, "weekly", of,
                    t -> t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    reasons);
            select(holding, monthly, "monthly", of, t -> t.getYear() + "-" + String.format("%02d", t.getMonthValue()), reasons);
        }

        List<Decision> decisions = new ArrayList<>();
        for (Candidate candidate : newestFirst) {
            decisions.add(decide(candidate, reasons.get(candidate.folder()), now));
        }
        return decisions;
    }

    private Decision decide(Candidate candidate, Set<String> keptFor, Instant now) {
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
            case UNSEALED -> new Decision(candidate.folder(), true, "not sealed by the backup server (never counted as a"
                    + " backup): left for an operator");
        };
    }

    private static void select(List<Candidate> complete, int count, String label, String of,
            Function<ZonedDateTime, String> period, Map<String, Set<String>> reasons) {
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : complete) {
            if (seen.size() >= count) {
                return;
            }
            String key = period.apply(candidate.started().atZone(ZoneOffset.UTC));
            if (seen.add(key)) {
                reasons.computeIfAbsent(candidate.folder(), k -> new LinkedHashSet<>())
                        .add(label + " " + seen.size() + "/" + count + " (" + key + ")" + of);
            }
        }
    }
}
