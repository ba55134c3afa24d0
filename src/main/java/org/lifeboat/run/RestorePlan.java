package org.lifeboat.run;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;

/**
 * Which set each datastore of a restore comes from: for each datastore, the complete set chosen by
 * the selector among those that hold it (a run of some datastores only makes a set of those, so
 * {@code latest} may combine several sets).
 *
 * @param parts one per datastore, in run order
 */
record RestorePlan(List<Part> parts) {

    /**
     * One datastore and where it comes from.
     *
     * @param datastore the target
     * @param set the set it is restored from
     * @param folder the set's folder on the store
     * @param manifest the set's (trusted) manifest
     * @param record the datastore's record in it
     */
    record Part(Datastore datastore, SetCatalog.SetInfo set, String folder, Manifest manifest, DatastoreRecord record) {
    }

    /** Chooses the set of every datastore; fails naming the first datastore no complete set holds. */
    static RestorePlan of(SetCatalog catalog, String selector, List<Datastore> datastores) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Datastore datastore : datastores) {
            SetCatalog.SetInfo set = catalog.select(selector, datastore.name());
            Manifest manifest = catalog.manifest(set);
            parts.add(new Part(datastore, set, catalog.folderPath(set), manifest, manifest.datastore(datastore.name()).orElseThrow()));
        }
        return new RestorePlan(List.copyOf(parts));
    }

    /** The sets used, oldest first, each once. */
    List<String> sets() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().sorted((a, b) -> a.set().started().compareTo(b.set().started())).forEach(p -> names.add(p.set().name()));
        return List.copyOf(names);
    }

    /** When the oldest data of the plan was taken: the earliest start of a datastore's backup (what the data's age is measured from). */
    Instant dataTakenAt() {
        return parts.stream().map(p -> p.record().started()).min(Instant::compareTo).orElseThrow();
    }
}
