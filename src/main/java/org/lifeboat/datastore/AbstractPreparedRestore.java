package org.lifeboat.datastore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What every swapping {@link PreparedRestore} shares: it remembers whether its swap failed and
 * whether it was committed or rolled back, and its {@link #close()} settles what is left as the
 * interface says (discards the scratch copies if no swap began; otherwise commits, or rolls back
 * a failed swap). Also the pieces of its error messages that every datastore words alike.
 * Subclasses give the swap, the rollback, the commit and how to discard the scratch copies.
 */
public abstract class AbstractPreparedRestore implements PreparedRestore {

    private final Logger log;
    private final String label;
    private boolean swapFailed;
    private boolean settled;

    /**
     * @param log the subclass's logger, so that its lines keep their category
     * @param label what the warning of a failed cleanup starts with (the datastore's name, or its endpoint)
     */
    protected AbstractPreparedRestore(Logger log, String label) {
        this.log = log;
        this.label = label;
    }

    /** Whether {@link #swapIn()} began changing live data, so that {@link #close()} settles rather than discards. */
    protected abstract boolean swapBegan();

    /** Discards the scratch copies of a restore that was never swapped in. */
    protected abstract void discardScratch() throws IOException;

    /** Marks the swap failed: {@link #close()} then rolls back instead of committing. */
    protected final void swapFailed() {
        swapFailed = true;
    }

    /** Marks the swap committed or rolled back: {@link #close()} then leaves it. */
    protected final void settled() {
        settled = true;
    }

    /** Discards the scratch copies unless swapped in; after a swap commits, after a failed swap rolls back. */
    @Override
    public void close() {
        try {
            if (!swapBegan()) {
                discardScratch();
            } else if (!settled) {
                if (swapFailed) {
                    rollBack();
                } else {
                    commit();
                }
            }
        } catch (IOException | RuntimeException e) {
            // close never throws (PreparedRestore#close); what is left behind is settled by the next restore, or stops it naming it
            log.warnf("%s: cleanup after the restore failed: %s", label, e.getMessage());
        }
    }

    /** A copy of {@code steps} in reverse order, for a rollback or settlement that undoes the newest first. */
    public static <T> List<T> newestFirst(Collection<T> steps) {
        List<T> reversed = new ArrayList<>(steps);
        Collections.reverse(reversed);
        return reversed;
    }

    /** {@code names} comma-separated, or {@code none}, for an error message. */
    protected static String listed(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** Adds to {@code lines} the line naming those of {@code all} not in {@code swapped}, if there are any. */
    protected static void addNotSwapped(List<String> lines, Collection<String> all, Collection<String> swapped) {
        List<String> pending = all.stream().filter(name -> !swapped.contains(name)).toList();
        if (!pending.isEmpty()) {
            lines.add("not swapped (live data as it was): " + String.join(", ", pending));
        }
    }
}
