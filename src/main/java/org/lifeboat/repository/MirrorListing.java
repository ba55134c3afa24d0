package org.lifeboat.repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * The bodies a mirror holds, as one listing of its shard folders found them (no body is read):
 * what a run checks before it refers a new set to an earlier body, so that a body lost from the
 * backup server is sent again instead of leaving a set that cannot be restored. Holds 16 bytes per
 * body (the first 64 bits of its name and its stored size), in name order.
 */
final class MirrorListing {

    private final long[] prefixes;
    private final long[] sizes;

    private MirrorListing(long[] prefixes, long[] sizes) {
        this.prefixes = prefixes;
        this.sizes = sizes;
    }

    /** Lists every shard folder of {@code layout}'s mirror (none yet: an empty listing). */
    static MirrorListing of(BackupStore store, MirrorLayout layout) throws IOException {
        if (store.stat(layout.folder()).isEmpty()) {
            return new MirrorListing(new long[0], new long[0]);
        }
        List<String> shards = new ArrayList<>();
        for (StoreEntry sub : store.list(layout.folder())) {
            if (sub.folder() && !sub.name().equals(MirrorLayout.INCOMING) && MirrorLayout.isMirrorFolder(sub.name())) {
                shards.add(sub.name());
            }
        }
        // a shard is the top byte of its bodies' prefixes: in signed order (80..ff, then 00..7f), shard by shard
        // sorted is the whole listing sorted as Arrays.binarySearch compares
        shards.sort(Comparator.comparingInt(shard -> (byte) Integer.parseInt(shard, 16)));
        long[] prefixes = new long[1024];
        long[] sizes = new long[1024];
        int size = 0;
        for (String shard : shards) {
            int first = size;
            for (StoreEntry file : store.list(StorePaths.join(layout.folder(), shard))) {
                Optional<String> name = file.folder() ? Optional.empty() : MirrorLayout.bodyName(shard, file.name());
                if (name.isEmpty()) {
                    continue;
                }
                if (size == prefixes.length) {
                    prefixes = Arrays.copyOf(prefixes, size * 2);
                    sizes = Arrays.copyOf(sizes, size * 2);
                }
                prefixes[size] = prefix(name.get());
                sizes[size] = file.size();
                size++;
            }
            sortByPrefix(prefixes, sizes, first, size);
        }
        return new MirrorListing(Arrays.copyOf(prefixes, size), Arrays.copyOf(sizes, size));
    }

    /** Whether a body of this name and stored size was listed. */
    boolean holds(BodyRecord body) {
        long prefix = prefix(body.name());
        int at = Arrays.binarySearch(prefixes, prefix);
        if (at < 0) {
            return false;
        }
        while (at > 0 && prefixes[at - 1] == prefix) {
            at--;
        }
        for (; at < prefixes.length && prefixes[at] == prefix; at++) {
            if (sizes[at] == body.storedBytes()) {
                return true;
            }
        }
        return false;
    }

    /** How many bodies were listed. */
    int size() {
        return prefixes.length;
    }

    /** The first 64 bits of a body name: enough to tell bodies apart (a collision also needs equal sizes). */
    static long prefix(String name) {
        return Long.parseUnsignedLong(name.substring(0, 16), 16);
    }

    /** Sorts {@code [from, to)} of both arrays by prefix (one shard: a small range). */
    private static void sortByPrefix(long[] prefixes, long[] sizes, int from, int to) {
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(prefixes[a], prefixes[b]));
        long[] p = new long[order.length];
        long[] s = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            p[i] = prefixes[order[i]];
            s[i] = sizes[order[i]];
        }
        System.arraycopy(p, 0, prefixes, from, p.length);
        System.arraycopy(s, 0, sizes, from, s.length);
    }
}
