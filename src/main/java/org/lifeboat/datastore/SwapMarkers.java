package org.lifeboat.datastore;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the settlements of the swaps that copy rather than rename (InfluxDB databases, S3 buckets)
 * share, each swap journaled in a marker named with its stamp ({@link SwapStamp}): the order in
 * which interrupted swaps are settled, which aside copies a finishing commit removes, and the
 * refusal of a journal that does not say enough. The journals themselves, and how a live copy is
 * put back, stay with each datastore.
 */
public final class SwapMarkers {

    private SwapMarkers() {
    }

    /**
     * The markers among {@code names}, newest swap first (a marker's stamp sorts by time), so that
     * older leftovers end with the oldest live data in place.
     */
    public static List<String> newestFirst(Collection<String> names, Predicate<String> isMarker) {
        return AbstractPreparedRestore.newestFirst(names.stream().filter(isMarker).sorted().toList());
    }

    /**
     * Whether a commit that is being finished removes aside copy {@code name}: without
     * keep-replaced the copies of its own swap ({@code ours}), with it the aside copies of every
     * other swap.
     *
     * @param isAside whether a name is an aside copy
     * @param stampOf the swap stamp of an aside copy, as its name carries it
     * @param stamp the stamp of the swap being committed, as names carry it
     */
    public static boolean removedAtCommit(String name, Predicate<String> isAside, Function<String, String> stampOf, String stamp,
            Collection<String> ours, boolean keepReplaced) {
        boolean thisSwap = isAside.test(name) && stampOf.apply(name).equals(stamp);
        return isAside.test(name) && (keepReplaced ? !thisSwap : ours.contains(name));
    }

    /**
     * The refusal, as before settling was possible, of the swap of {@code marker} whose journal
     * does not say enough to roll it back.
     *
     * @param lines what each live copy's state is and how to resolve it by hand, the marker's removal last
     */
    public static IOException undeterminable(String marker, List<String> lines) {
        return new IOException("an earlier restore was interrupted between its swap and its commit (marker " + marker
                + ") and its journal does not say enough to put the live data back (written by an older Lifeboat, or a copy"
                + " kept aside is missing); nothing is restored until it is resolved by hand, so that no live data kept aside"
                + " is lost: " + String.join("; ", lines));
    }
}
