package org.lifeboat.repository;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.manifest.ManifestJson;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * The sets of one environment on a store. A set is complete only if its folder is not marked
 * {@code .partial} and holds a manifest; nothing else is ever offered as a backup.
 */
public final class SetCatalog {

    private final BackupStore store;
    private final SetLayout layout;

    public SetCatalog(BackupStore store, SetLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /**
     * One set folder.
     *
     * @param name the set name (without {@code .partial})
     * @param folder the folder name
     * @param started when its run started, from its name
     * @param state complete, partial or without manifest
     */
    public record SetInfo(String name, String folder, java.time.Instant started, State state) {
    }

    /** Every set folder of the environment, oldest first. */
    public List<SetInfo> sets() throws IOException {
        List<SetInfo> sets = new ArrayList<>();
        for (StoreEntry entry : store.list(layout.environmentFolder())) {
            if (!entry.folder()) {
                continue;
            }
            Optional<SetLayout.SetName> parsed = SetLayout.parse(entry.name());
            if (parsed.isEmpty()) {
                continue;
            }
            SetLayout.SetName name = parsed.get();
            State state = name.partial() ? State.PARTIAL
                    : store.stat(layout.manifestPath(name.name())).isPresent() ? State.COMPLETE : State.NO_MANIFEST;
            sets.add(new SetInfo(name.name(), entry.name(), name.started(), state));
        }
        sets.sort(Comparator.comparing(SetInfo::started).thenComparing(SetInfo::name));
        return sets;
    }

    /**
     * The complete set chosen by {@code selector}: {@code latest}, a set name such as
     * {@code 2026-11-22T143015Z}, or a date, meaning the newest complete set of that day.
     */
    public SetInfo select(String selector) throws IOException {
        List<SetInfo> complete = sets().stream().filter(s -> s.state() == State.COMPLETE).toList();
        Optional<SetInfo> chosen;
        if (selector == null || selector.equals("latest")) {
            chosen = complete.isEmpty() ? Optional.empty() : Optional.of(complete.get(complete.size() - 1));
        } else {
            chosen = complete.stream().filter(s -> s.name().equals(selector)).findFirst()
                    .or(() -> complete.stream().filter(s -> s.name().startsWith(selector + "T")).reduce((a, b) -> b));
        }
        return chosen.orElseThrow(() -> new IOException("no complete set '" + (selector == null ? "latest" : selector) + "' in '"
                + layout.environmentFolder() + "' on " + store.describe()));
    }

    /** Reads the manifest of a complete set. */
    public Manifest manifest(SetInfo set) throws IOException {
        String path = layout.manifestPath(set.name());
        try (InputStream in = store.read(path)) {
            return ManifestJson.read(in, path + " on " + store.describe());
        }
    }

    /** The folder path of a set, for reading its artifacts. */
    public String folderPath(SetInfo set) {
        return StorePaths.join(layout.environmentFolder(), set.folder());
    }
}
