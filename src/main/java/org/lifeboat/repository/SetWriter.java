package org.lifeboat.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.lifeboat.keys.ManifestSignature;
import org.lifeboat.keys.SigningKey;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.manifest.ManifestJson;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * One set being written, and the one writer of manifests: the set's folder is made under its
 * {@code .partial} name, the datastores write their artifacts into it, then {@link #publish}
 * writes the manifest and its signature and only then renames the folder to its final name. Until then nothing
 * lists, restores or prunes it as a backup.
 */
public final class SetWriter {

    private final BackupStore store;
    private final SetLayout layout;
    private final String name;

    private SetWriter(BackupStore store, SetLayout layout, String name) {
        this.store = store;
        this.layout = layout;
        this.name = name;
    }

    /** Names a new set for a run started at {@code started} ({@link SetLayout#newSetName}) and makes its partial folder. */
    public static SetWriter start(BackupStore store, SetLayout layout, Instant started) throws IOException {
        Set<String> existing = store.list(layout.environmentFolder()).stream().map(StoreEntry::name).collect(Collectors.toSet());
        SetWriter writer = new SetWriter(store, layout, layout.newSetName(started, existing));
        store.makeFolders(writer.partialFolder());
        return writer;
    }

    /** The set's name. */
    public String name() {
        return name;
    }

    /** The folder written into until {@link #publish}. */
    public String partialFolder() {
        return layout.partialFolder(name);
    }

    /** The folder of the published set. */
    public String folder() {
        return layout.setFolder(name);
    }

    /** A sink for {@code datastore}'s artifacts in this set, offering {@code mirror} (null for none). */
    public StoreArtifactSink sink(ArtifactEncoder encoder, String datastore, StoreMirror mirror) {
        return new StoreArtifactSink(store, encoder, partialFolder(), datastore, mirror);
    }

    /**
     * Writes the manifest and its signature by {@code signer}, then renames the folder to its final
     * name: the set is complete from then on.
     */
    public void publish(Manifest manifest, SigningKey signer) throws IOException {
        byte[] bytes = ManifestJson.bytes(manifest);
        byte[] signature = ManifestSignature.sign(bytes, signer).getBytes(StandardCharsets.US_ASCII);
        writeFile(SetLayout.MANIFEST, bytes);
        writeFile(SetLayout.SIGNATURE, signature);
        store.rename(partialFolder(), folder());
    }

    private void writeFile(String name, byte[] content) throws IOException {
        try (AtomicWrite write = store.write(StorePaths.join(partialFolder(), name))) {
            write.write(content);
            write.commit();
        }
    }
}
