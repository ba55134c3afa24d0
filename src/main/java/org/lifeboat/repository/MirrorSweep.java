package org.lifeboat.repository;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.Sizes;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * Removes mirror bodies that no complete set refers to any more, after prune has removed sets.
 * The references come from each complete set's references artifact, read with the backup role's
 * state identity. A body is removed only if no complete set names it and it is older than the
 * partial grace period (a run in progress may have written it and not yet finished its set); a
 * body being written under {@code incoming/} is removed when older than the grace period. If any
 * set's references cannot be read, that mirror is left whole and the sweep fails: a body is never
 * removed on a guess.
 */
public final class MirrorSweep {

    private static final Logger LOG = Logger.getLogger(MirrorSweep.class);

    private final BackupStore store;
    private final SetCatalog catalog;
    private final String environmentFolder;
    private final Duration grace;

    public MirrorSweep(BackupStore store, SetCatalog catalog, String environmentFolder, Duration grace) {
        this.store = store;
        this.catalog = catalog;
        this.environmentFolder = environmentFolder;
        this.grace = grace;
    }

    /**
     * Sweeps every mirror folder of the environment; prints one line per mirror.
     *
     * @param state the state identity, or null when none is configured (then mirrors are kept whole)
     * @param removedSets set folders prune removes (a dry run has not removed them): their references do not count
     * @return the problems that kept a mirror whole, empty if none
     */
    public List<String> run(AgeIdentity state, List<String> removedSets, boolean dryRun, Instant now, PrintStream out) throws IOException {
        List<String> mirrors = store.list(environmentFolder).stream()
                .filter(e -> e.folder() && e.name().endsWith(MirrorLayout.SUFFIX)).map(StoreEntry::name).toList();
        List<String> problems = new ArrayList<>();
        if (mirrors.isEmpty()) {
            return problems;
        }
        if (state == null) {
            problems.add("mirrors " + mirrors + " kept whole: lifeboat.backup.state-identity-file is not set, so the sets'"
                    + " references cannot be read");
            return problems;
        }
        Map<String, References> references = new LinkedHashMap<>();
        mirrors.forEach(m -> references.put(m, new References()));
        ArtifactDecoder decoder = new ArtifactDecoder(state);
        for (SetCatalog.SetInfo set : catalog.sets()) {
            if (set.state() != State.COMPLETE || removedSets.contains(set.folder())) {
                continue;
            }
            for (DatastoreRecord datastore : catalog.manifest(set).datastores()) {
                for (ArtifactRecord artifact : datastore.artifacts()) {
                    if (Mirror.REFERENCES_FORMAT.equals(artifact.format()) && references.containsKey(artifact.subject())) {
                        References refs = references.get(artifact.subject());
                        try {
                            StoreMirror.readReferences(new StoreArtifactSource(store, decoder, catalog.folderPath(set), datastore.name()), artifact,
                                    body -> refs.add(MirrorListing.prefix(body.name())));
                        } catch (IOException | RuntimeException e) {
                            refs.unreadable = "set '" + set.name() + "': " + e.getMessage();
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, References> mirror : references.entrySet()) {
            if (mirror.getValue().unreadable != null) {
                problems.add("mirror '" + mirror.getKey() + "' kept whole: the references of " + mirror.getValue().unreadable);
                continue;
            }
            sweep(mirror.getKey(), mirror.getValue().sorted(), dryRun, now, out);
        }
        return problems;
    }

    private void sweep(String mirror, long[] referenced, boolean dryRun, Instant now, PrintStream out) throws IOException {
        String folder = StorePaths.join(environmentFolder, mirror);
        long bodies = 0;
        long removed = 0;
        long removedBytes = 0;
        long young = 0;
        for (StoreEntry sub : store.list(folder)) {
            if (!sub.folder()) {
                continue;
            }
            if (!MirrorLayout.isMirrorFolder(sub.name())) {
                continue; // not ours: left alone
            }
            boolean incoming = sub.name().equals(MirrorLayout.INCOMING);
            for (StoreEntry file : store.list(StorePaths.join(folder, sub.name()))) {
                Optional<String> name = file.folder() ? Optional.empty() : MirrorLayout.bodyName(sub.name(), file.name());
                if (name.isEmpty()) {
                    continue; // not ours: left alone
                }
                bodies++;
                if (!incoming && Arrays.binarySearch(referenced, MirrorListing.prefix(name.get())) >= 0) {
                    continue;
                }
                if (file.modified() != null && Duration.between(file.modified(), now).compareTo(grace) < 0) {
                    young++;
                    continue;
                }
                String path = StorePaths.join(folder, sub.name() + "/" + file.name());
                if (!dryRun) {
                    store.delete(path);
                }
                removed++;
                removedBytes += file.size();
            }
        }
        String line = String.format("mirror %s: %d bodies, %s %d unreferenced (%s), kept %d unreferenced younger than %s",
                mirror, bodies, dryRun ? "would remove" : "removed", removed, Sizes.bytes(removedBytes), young, grace);
        out.println(line);
        LOG.info(line);
    }

    /** The name prefixes a mirror's bodies are referred to by, 8 bytes each. */
    private static final class References {
        private long[] prefixes = new long[1024];
        private int size;
        String unreadable;

        void add(long prefix) {
            if (size == prefixes.length) {
                prefixes = Arrays.copyOf(prefixes, size * 2);
            }
            prefixes[size++] = prefix;
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(prefixes, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
