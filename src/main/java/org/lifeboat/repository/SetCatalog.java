package org.lifeboat.repository;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.manifest.ManifestJson;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * The sets of one environment on a store. A set is complete only if its folder is not marked
 * {@code .partial}, holds a manifest that can be read and that {@link ManifestTrust} believes (its
 * signature), and holds every artifact the manifest names at its recorded size. A folder whose
 * manifest does not read or whose artifacts are missing is damaged; one whose signature is
 * missing or wrong is untrusted. Nothing but a complete set is ever offered as a backup.
 */
public final class SetCatalog {

    /** The prefix of a selector that names a set exactly, even one named by a day alone. */
    public static final String EXACT_NAME = "set:";

    private final BackupStore store;
    private final SetLayout layout;
    private final ManifestTrust trust;

    /** The sets of {@code layout}'s environment on {@code store}; only manifests {@code trust} believes count. */
    public SetCatalog(BackupStore store, SetLayout layout, ManifestTrust trust) {
        this.store = store;
        this.layout = layout;
        this.trust = trust;
    }

    /**
     * One set folder.
     *
     * @param name the set name (without {@code .partial})
     * @param folder the folder name
     * @param started when its run started, from its name
     * @param state complete, partial, without manifest, or damaged
     * @param manifest its manifest, for a complete set (and a damaged one whose manifest reads)
     * @param problem why it is damaged, else empty
     */
    public record SetInfo(String name, String folder, Instant started, State state, Optional<Manifest> manifest,
            Optional<String> problem) {
    }

    /** Every set folder of the environment, oldest first, each checked as the class comment says. */
    public List<SetInfo> sets() throws IOException {
        List<SetInfo> sets = new ArrayList<>();
        for (SetLayout.SetName name : names()) {
            sets.add(check(name));
        }
        return sets;
    }

    /**
     * The set named {@code name} exactly, checked as {@link #sets()} checks each (one set's reads,
     * not the whole environment's), or empty when no such folder exists.
     */
    public Optional<SetInfo> set(String name) throws IOException {
        for (SetLayout.SetName candidate : names()) {
            if (candidate.name().equals(name)) {
                return Optional.of(check(candidate));
            }
        }
        return Optional.empty();
    }

    /** How many set folders the environment holds (complete, partial or damaged), from one listing and nothing read. */
    public int count() throws IOException {
        return names().size();
    }

    /** The set folders' names, oldest first, from one listing and nothing read. */
    private List<SetLayout.SetName> names() throws IOException {
        List<SetLayout.SetName> names = new ArrayList<>();
        for (StoreEntry entry : store.list(layout.environmentFolder())) {
            if (entry.folder()) {
                SetLayout.parse(entry.name()).ifPresent(names::add);
            }
        }
        names.sort(Comparator.comparing(SetLayout.SetName::started).thenComparing(SetLayout.SetName::name));
        return names;
    }

    private SetInfo check(SetLayout.SetName name) throws IOException {
        if (name.partial()) {
            return new SetInfo(name.name(), name.folderName(), name.started(), State.PARTIAL, Optional.empty(), Optional.empty());
        }
        return check(name, name.folderName());
    }

    /** The newest complete set, reading the sets newest first only as far as it. */
    public Optional<SetInfo> latest() throws IOException {
        return newestComplete(null, set -> true);
    }

    /** The complete sets, oldest first. */
    public List<SetInfo> complete() throws IOException {
        return sets().stream().filter(s -> s.state() == State.COMPLETE).toList();
    }

    /**
     * The complete set chosen by {@code selector}: {@code latest} (or null); a date such as
     * {@code 2026-11-22}, meaning the newest complete set of that day (UTC), whether it is named by
     * the day or by a time of it; a set name with a time such as {@code 2026-11-22T143015Z}; or
     * {@value #EXACT_NAME} and a name, meaning exactly that set (the only way to choose a day's
     * first set when a later one of the same day exists).
     */
    public SetInfo select(String selector) throws IOException {
        Optional<SetInfo> newest = newestComplete(selector, set -> true);
        return newest.isPresent() ? newest.get() : select(selector, sets(), "");
    }

    /**
     * As {@link #select(String)}, among the complete sets that hold {@code datastore}: the set a
     * restore of that datastore takes (a run of some datastores only makes a set of those).
     */
    public SetInfo select(String selector, String datastore) throws IOException {
        Predicate<SetInfo> holds = s -> s.manifest().orElseThrow().datastore(datastore).isPresent();
        Optional<SetInfo> newest = newestComplete(selector, holds);
        if (newest.isPresent()) {
            return newest.get();
        }
        List<SetInfo> holding = sets().stream().filter(s -> s.state() != State.COMPLETE || holds.test(s)).toList();
        return select(selector, holding, " holding datastore '" + datastore + "'");
    }

    /**
     * The set {@link #select(String, List, String)} would choose, found by checking the folders
     * {@code selector} names newest first and stopping at the first complete one that {@code wanted}
     * takes: a restore of latest reads one set, not every set of the environment. Empty when none
     * is; the caller then checks every set, to say why.
     */
    private Optional<SetInfo> newestComplete(String selector, Predicate<SetInfo> wanted) throws IOException {
        List<SetLayout.SetName> names = new ArrayList<>(names());
        Collections.reverse(names);
        for (SetLayout.SetName name : names) {
            if (!name.partial() && named(selector, name.name())) {
                SetInfo set = check(name);
                if (set.state() == State.COMPLETE && wanted.test(set)) {
                    return Optional.of(set);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code selector} can choose the set {@code name}, as {@link #select(String, List, String)} matches them. */
    private static boolean named(String selector, String name) {
        if (selector == null || selector.equals("latest")) {
            return true;
        }
        if (selector.startsWith(EXACT_NAME)) {
            return name.equals(selector.substring(EXACT_NAME.length()));
        }
        return name.equals(selector) || (isDate(selector) && name.startsWith(selector + "T"));
    }

    private SetInfo select(String selector, List<SetInfo> all, String holding) throws IOException {
        List<SetInfo> complete = all.stream().filter(s -> s.state() == State.COMPLETE).toList();
        Optional<SetInfo> chosen;
        if (selector == null || selector.equals("latest")) {
            chosen = complete.isEmpty() ? Optional.empty() : Optional.of(complete.get(complete.size() - 1));
        } else if (selector.startsWith(EXACT_NAME)) {
            String name = selector.substring(EXACT_NAME.length());
            chosen = complete.stream().filter(s -> s.name().equals(name)).findFirst();
        } else if (isDate(selector)) {
            chosen = complete.stream().filter(s -> s.name().equals(selector) || s.name().startsWith(selector + "T"))
                    .reduce((older, newer) -> newer);
        } else {
            chosen = complete.stream().filter(s -> s.name().equals(selector)).findFirst();
        }
        if (chosen.isEmpty()) {
            throw new IOException("no complete set '" + (selector == null ? "latest" : selector) + "'" + holding + " in '"
                    + layout.environmentFolder() + "' on " + store.describe() + notComplete(all, selector));
        }
        return chosen.get();
    }

    /** The manifest of a set {@link #sets()} found complete. */
    public Manifest manifest(SetInfo set) {
        return set.manifest().orElseThrow(() -> new IllegalStateException("set '" + set.name() + "' has no readable manifest"));
    }

    /** The folder path of a set, for reading its artifacts. */
    public String folderPath(SetInfo set) {
        return StorePaths.join(layout.environmentFolder(), set.folder());
    }

    /** Reads the manifest and lists the artifacts of a folder that is not partial. */
    private SetInfo check(SetLayout.SetName name, String folderName) throws IOException {
        String manifestPath = layout.manifestPath(name.name());
        if (store.stat(manifestPath).isEmpty()) {
            return new SetInfo(name.name(), folderName, name.started(), State.NO_MANIFEST, Optional.empty(), Optional.empty());
        }
        Manifest manifest;
        byte[] bytes;
        try (InputStream in = store.read(manifestPath)) {
            bytes = in.readAllBytes();
            manifest = ManifestJson.read(bytes, manifestPath + " on " + store.describe());
        } catch (IOException | RuntimeException e) {
            return damaged(name, folderName, null, "its manifest cannot be read: " + e.getMessage());
        }
        Optional<String> distrust = trust.problem(bytes, signature(name), manifest, manifestPath + " on " + store.describe());
        if (distrust.isPresent()) {
            return new SetInfo(name.name(), folderName, name.started(), State.UNTRUSTED, Optional.empty(), distrust);
        }
        String folder = StorePaths.join(layout.environmentFolder(), folderName);
        Map<String, Long> present = new HashMap<>();
        Set<String> listed = new HashSet<>(); // every folder that holds an artifact (a datastore's, or one below it)
        for (DatastoreRecord datastore : manifest.datastores()) {
            for (ArtifactRecord artifact : datastore.artifacts()) {
                String parent;
                try {
                    parent = StorePaths.parent(artifact.path());
                } catch (IllegalArgumentException e) {
                    return damaged(name, folderName, manifest, "artifact path '" + artifact.path() + "' is not a valid store path");
                }
                if (listed.add(parent)) {
                    for (StoreEntry file : store.list(StorePaths.join(folder, parent))) {
                        present.put(StorePaths.join(parent, file.name()), file.size());
                    }
                }
            }
        }
        for (DatastoreRecord datastore : manifest.datastores()) {
            for (ArtifactRecord artifact : datastore.artifacts()) {
                Long size = present.get(artifact.path());
                if (size == null) {
                    return damaged(name, folderName, manifest, "artifact '" + artifact.path() + "' is missing");
                }
                if (size != artifact.storedBytes()) {
                    return damaged(name, folderName, manifest, "artifact '" + artifact.path() + "' has " + size
                            + " bytes, the manifest records " + artifact.storedBytes());
                }
            }
        }
        return new SetInfo(name.name(), folderName, name.started(), State.COMPLETE, Optional.of(manifest), Optional.empty());
    }

    /** The signature file's text, or empty when the set has none. */
    private Optional<String> signature(SetLayout.SetName name) throws IOException {
        String path = layout.signaturePath(name.name());
        if (store.stat(path).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.read(path)) {
            return Optional.of(new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private static SetInfo damaged(SetLayout.SetName name, String folderName, Manifest manifest, String problem) {
        return new SetInfo(name.name(), folderName, name.started(), State.DAMAGED, Optional.ofNullable(manifest),
                Optional.of(problem));
    }

    /** Why the set {@code selector} names (for latest: the newest set) is not offered, when it exists but is not complete. */
    private static String notComplete(List<SetInfo> all, String selector) {
        Optional<SetInfo> named;
        if (selector == null || selector.equals("latest")) {
            named = all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        } else {
            String name = selector.startsWith(EXACT_NAME) ? selector.substring(EXACT_NAME.length()) : selector;
            named = all.stream().filter(s -> s.name().equals(name) || s.name().startsWith(name + "T")).reduce((a, b) -> b);
        }
        return named.filter(s -> s.state() != State.COMPLETE)
                .map(s -> " (set '" + s.name() + "' is " + s.state().label() + s.problem().map(p -> ": " + p).orElse("") + ")")
                .orElse("");
    }

    private static boolean isDate(String selector) {
        try {
            LocalDate.parse(selector);
            return selector.length() == 10;
        } catch (DateTimeParseException e) {
            return false; // not a date: a set name
        }
    }
}
