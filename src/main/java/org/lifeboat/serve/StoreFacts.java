package org.lifeboat.serve;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lifeboat.app.Appliance;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;

/**
 * What the backup server says, read now and then (never on a scrape): the newest complete set,
 * per datastore the newest complete set that holds it, and the free space.
 *
 * @param readAt when it was read
 * @param newestSet the newest complete set's name, if there is one
 * @param newestSetStarted when that set's run started
 * @param newestByDatastore per datastore, the start of the newest complete set that holds it
 * @param freeBytes free bytes on the backup server, -1 when it cannot tell
 */
public record StoreFacts(Instant readAt, Optional<String> newestSet, Optional<Instant> newestSetStarted,
        Map<String, Instant> newestByDatastore, long freeBytes) {

    /** Nothing read yet. */
    public static final StoreFacts NONE = new StoreFacts(Instant.EPOCH, Optional.empty(), Optional.empty(), Map.of(), -1);

    /** When the set's run started: its manifest says to the second; a name such as {@code 2026-11-22} only says the day. */
    private static Instant started(SetCatalog.SetInfo set) {
        return set.manifest().map(Manifest::started).orElse(set.started());
    }

    /** Reads the facts of the sets {@code appliance} reads and writes. */
    public static StoreFacts read(Appliance appliance, Instant now) throws IOException {
        Map<String, Instant> byDatastore = new TreeMap<>();
        Optional<SetCatalog.SetInfo> newest = Optional.empty();
        for (SetCatalog.SetInfo set : appliance.catalog().complete()) { // oldest first
            newest = Optional.of(set);
            Instant started = started(set);
            set.manifest().ifPresent(m -> m.datastores().stream().map(DatastoreRecord::name)
                    .forEach(name -> byDatastore.put(name, started)));
        }
        return new StoreFacts(now, newest.map(SetCatalog.SetInfo::name), newest.map(StoreFacts::started),
                Map.copyOf(byDatastore), appliance.store().freeBytes());
    }
}
