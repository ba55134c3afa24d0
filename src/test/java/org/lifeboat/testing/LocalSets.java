package org.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.LifeboatVersion;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.keys.AllowedSigners;
import org.lifeboat.keys.SigningKey;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.repository.ManifestTrust;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.repository.SetWriter;
import org.lifeboat.repository.StoreArtifactSink;
import org.lifeboat.store.local.LocalBackupStore;

/**
 * Complete sets written into a local store exactly as a backup run writes them (artifacts through
 * the real pipeline, manifest, publish), with one small artifact each, for tests of what reads and
 * prunes sets. Keys are made in {@code work/keys}.
 */
public final class LocalSets {

    public static final String DATASTORE = "files";

    private final Path root;
    private final LocalBackupStore store;
    private final ArtifactEncoder encoder;
    private final AgeRecipients recipients;
    private final SigningKey signer;

    public LocalSets(Path work) throws IOException {
        this(generated(work.resolve("keys")), work.resolve("store"));
    }

    /** Sets in the store at {@code root}, signed and encrypted with the keys in {@code keys} (from {@code KeyFiles.generate}). */
    public LocalSets(Path keys, Path root) throws IOException {
        this.signer = SigningKey.read(keys.resolve(KeyFiles.SIGNING_KEY));
        this.root = root;
        this.store = new LocalBackupStore(root);
        this.recipients = AgeRecipients.read(keys.resolve(KeyFiles.AGE_RECIPIENTS));
        this.encoder = new ArtifactEncoder(recipients, 3);
    }

    private static Path generated(Path keys) throws IOException {
        KeyFiles.generate(keys);
        return keys;
    }

    /** The store's root folder, for a {@code lifeboat.store.root} of type local. */
    public Path root() {
        return root;
    }

    public LocalBackupStore store() {
        return store;
    }

    /** Writes and publishes a set of {@code environment} started at {@code started}; returns its name. */
    public String publish(String environment, Instant started) throws IOException {
        SetLayout layout = new SetLayout(environment);
        SetWriter set = SetWriter.start(store, layout, started);
        StoreArtifactSink sink = set.sink(encoder, DATASTORE, null);
        ArtifactRecord artifact;
        try (ArtifactOutput out = sink.create("data.txt", "data", "text")) {
            out.write(("set of " + started + "\n").repeat(100).getBytes(StandardCharsets.US_ASCII));
            artifact = out.finish();
        }
        DatastoreRecord record = new DatastoreRecord(DATASTORE, "files", "test", started, started, Map.of(), List.of(artifact),
                Map.of("data", Map.of("lines", 100L)), List.of());
        set.publish(new Manifest(Manifest.FORMAT_VERSION, LifeboatVersion.describe(), environment, set.name(), started, started,
                recipients.publicKeys(), List.of(record)), signer);
        return set.name();
    }

    /** Believes what this writes: the keys' own signing key, and no unsigned set. */
    public ManifestTrust trust() {
        return new ManifestTrust(AllowedSigners.of("lifeboat", signer.publicKey()), Optional.empty());
    }

    /** The folder of set {@code name} on disk. */
    public Path folder(String environment, String name) {
        return root.resolve(environment).resolve(name);
    }

    /** The one artifact of set {@code name} on disk. */
    public Path artifact(String environment, String name) {
        return folder(environment, name).resolve(DATASTORE).resolve("data.txt" + StoreArtifactSink.SUFFIX);
    }

    /** Overwrites the manifest of set {@code name} with {@code text}. */
    public void breakManifest(String environment, String name, String text) throws IOException {
        Files.writeString(folder(environment, name).resolve(SetLayout.MANIFEST), text);
    }
}
