package org.lifeboat.datastore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Settles a swap by renames that a killed Lifeboat left unfinished (PostgreSQL databases, MongoDB
 * collections), before the next restore loads anything, by {@link PreparedRestore}'s protocol. What
 * the swap had done is read from the names alone, each step one atomic rename or drop, so that the
 * settling can itself be killed and run again:
 *
 * <ul>
 *   <li>a swap that never committed (live data renamed {@code …__lifeboat_aside_<stamp>}, no copy of
 *       that stamp renamed for the commit): each aside copy gets its live name back; the restored
 *       copy under that name (never committed) is dropped first;
 *   <li>a commit killed half-way (a copy of that stamp already renamed {@code …__lifeboat_done_} or
 *       {@code …__lifeboat_kept_}): the commit is finished, the restored data stays;
 *   <li>then copies a commit had decided to drop, and scratch copies of any restore, are dropped.
 * </ul>
 *
 * <p>Swaps are settled newest first, so that older leftovers end with the oldest live data in
 * place. A copy whose live name its name does not tell (cut to fit the server's limit, or made by
 * an older Lifeboat without a stamp) is not touched: {@link #settle} returns those, and the caller
 * refuses the restore naming them.
 */
public final class RenamedSwapSettling {

    private static final Logger LOG = Logger.getLogger(RenamedSwapSettling.class);

    /** How a datastore names the copies of its swap. */
    public interface Naming {
        /** Whether {@code name} is live data a swap moved aside. */
        boolean isAside(String name);

        /** Whether {@code name} is an aside copy a commit decided to drop. */
        boolean isDone(String name);

        /** Whether {@code name} is a copy a commit kept with keep-replaced. */
        boolean isKept(String name);

        /** Whether {@code name} is a scratch copy a restore loads into. */
        boolean isScratch(String name);

        /** The swap stamp an aside, done or kept copy carries. */
        Optional<String> stampOf(String name);

        /** The live name of an aside copy, where its name says it in full. */
        Optional<String> liveOf(String aside);

        /** The name keep-replaced keeps {@code live}'s replaced copy under. */
        String kept(String live, String stamp);
    }

    /** The three operations of a swap on one server. */
    public interface Renames {
        boolean exists(String name) throws IOException;

        void move(String from, String to) throws IOException;

        void drop(String name) throws IOException;
    }

    private final String datastore;
    private final String what;
    private final Naming naming;
    private final Renames renames;

    /**
     * @param datastore the datastore's name, for the log
     * @param what what is renamed, for the log ({@code database}, {@code collection in shop})
     */
    public RenamedSwapSettling(String datastore, String what, Naming naming, Renames renames) {
        this.datastore = datastore;
        this.what = what;
        this.naming = naming;
        this.renames = renames;
    }

    /**
     * The swaps whose commit had begun, by stamp: {@code keeping} those that had kept a copy
     * (keep-replaced), {@code committing} those too and those that had marked one for dropping.
     * A swap spanning several name spaces (MongoDB's databases) is decided when any of them says so.
     */
    public record Decided(Set<String> committing, Set<String> keeping) {

        public Decided and(Decided other) {
            Set<String> allCommitting = new HashSet<>(committing);
            allCommitting.addAll(other.committing);
            Set<String> allKeeping = new HashSet<>(keeping);
            allKeeping.addAll(other.keeping);
            return new Decided(allCommitting, allKeeping);
        }
    }

    /** What {@code names} say about commits that had begun. */
    public static Decided decided(Naming naming, List<String> names) {
        Set<String> committing = new HashSet<>();
        Set<String> keeping = new HashSet<>();
        for (String name : names) {
            boolean kept = naming.isKept(name);
            if (kept || naming.isDone(name)) {
                naming.stampOf(name).ifPresent(committing::add);
            }
            if (kept) {
                naming.stampOf(name).ifPresent(keeping::add);
            }
        }
        return new Decided(committing, keeping);
    }

    /** Settles what {@code names} (every name on the server or in the database) show; returns the aside copies left untouched. */
    public List<String> settle(List<String> names) throws IOException {
        return settle(names, decided(naming, names));
    }

    /** As {@link #settle(List)}, with what is decided known from beyond {@code names}. */
    public List<String> settle(List<String> names, Decided decided) throws IOException {
        List<String> unreadable = new ArrayList<>();
        Map<String, List<String>> asideByStamp = new TreeMap<>(Comparator.reverseOrder());
        for (String name : names) {
            if (!naming.isAside(name)) {
                continue;
            }
            Optional<String> stamp = naming.stampOf(name);
            if (stamp.isEmpty() || naming.liveOf(name).isEmpty()) {
                unreadable.add(name);
            } else {
                asideByStamp.computeIfAbsent(stamp.get(), s -> new ArrayList<>()).add(name);
            }
        }
        for (Map.Entry<String, List<String>> swap : asideByStamp.entrySet()) {
            String stamp = swap.getKey();
            boolean keeping = decided.keeping().contains(stamp);
            boolean committing = decided.committing().contains(stamp);
            for (String aside : swap.getValue()) {
                String live = naming.liveOf(aside).orElseThrow();
                if (keeping) {
                    String kept = naming.kept(live, stamp);
                    renames.move(aside, kept);
                    LOG.warnf("%s: finished the commit of an interrupted restore: the %s it replaced, '%s', is kept as '%s'"
                            + " (keep-replaced)", datastore, what, live, kept);
                } else if (committing) {
                    renames.drop(aside);
                    LOG.warnf("%s: finished the commit of an interrupted restore: dropped '%s', the %s it replaced", datastore, aside, what);
                } else {
                    putBack(aside, live);
                }
            }
        }
        for (String name : names) {
            if (naming.isDone(name)) {
                renames.drop(name);
                LOG.warnf("%s: finished the commit of an interrupted restore: dropped '%s', the %s it replaced", datastore, name, what);
            } else if (naming.isScratch(name)) {
                renames.drop(name);
                LOG.warnf("%s: dropped '%s', a scratch %s an interrupted restore left", datastore, name, what);
            }
        }
        return unreadable;
    }

    private void putBack(String aside, String live) throws IOException {
        if (renames.exists(live)) {
            renames.drop(live);
            LOG.warnf("%s: an earlier restore was interrupted before its commit: dropped the restored copy it had put in place of %s"
                    + " '%s'", datastore, what, live);
        }
        renames.move(aside, live);
        LOG.warnf("%s: an earlier restore was interrupted before its commit: %s '%s' is back as it was before it (from '%s')",
                datastore, what, live, aside);
    }
}
