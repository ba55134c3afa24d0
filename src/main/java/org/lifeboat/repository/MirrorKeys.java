package org.lifeboat.repository;

import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.keys.AgeRecipients;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.pipeline.ArtifactDecoder;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.store.BackupStore;

/**
 * What a backup run needs to keep mirrors: the state identity (which reads the indexes and
 * references production writes for itself, never a body), the encoder for those, the body names'
 * key, and the newest complete set, whose records are each mirror's previous state.
 */
public final class MirrorKeys {

    /** The purpose the body names' key is derived for; changing it renames every future body. */
    public static final String NAME_KEY_PURPOSE = "lifeboat mirror body names v1";

    private static final Logger LOG = Logger.getLogger(MirrorKeys.class);

    private final BackupStore store;
    private final SetLayout layout;
    private final AgeIdentity state;
    private final ArtifactEncoder stateEncoder;
    private final Optional<Previous> previous;

    private record Previous(String set, String folder, Manifest manifest) {
    }

    private MirrorKeys(BackupStore store, SetLayout layout, AgeIdentity state, ArtifactEncoder stateEncoder,
            Optional<Previous> previous) {
        this.store = store;
        this.layout = layout;
        this.state = state;
        this.stateEncoder = stateEncoder;
        this.previous = previous;
    }

    /**
     * The keys, or null when the backup role has no state identity.
     *
     * @param stateIdentity the backup role's state identity, if it has one
     * @param compressionLevel the zstd level of indexes and references
     * @param catalog the environment's sets, of which the newest complete one is the previous state
     */
    public static MirrorKeys of(Optional<AgeIdentity> stateIdentity, AgeRecipients recipients, int compressionLevel,
            BackupStore store, SetLayout layout, SetCatalog catalog) throws IOException {
        if (stateIdentity.isEmpty()) {
            return null;
        }
        AgeIdentity state = stateIdentity.get();
        ArtifactEncoder stateEncoder = new ArtifactEncoder(recipients.plus(state.publicKeys()), compressionLevel);
        Optional<Previous> previous = catalog.latest()
                .map(newest -> new Previous(newest.name(), catalog.folderPath(newest), catalog.manifest(newest)));
        return new MirrorKeys(store, layout, state, stateEncoder, previous);
    }

    /** The mirror of {@code datastore} for the set being written in {@code setFolder}. */
    public StoreMirror mirror(ArtifactEncoder bodyEncoder, String setFolder, String datastore) {
        Optional<Mirror.Previous> last = previous.flatMap(p -> p.manifest().datastore(datastore).map(record -> new Mirror.Previous(
                p.set(), record, new StoreArtifactSource(store, new ArtifactDecoder(state), p.folder(), datastore))));
        if (previous.isPresent() && last.isEmpty()) {
            LOG.debugf("%s: the newest complete set '%s' has no record of it", datastore, previous.get().set());
        }
        return new StoreMirror(store, bodyEncoder, stateEncoder, state.derivedKey(NAME_KEY_PURPOSE), layout.environmentFolder(),
                setFolder, datastore, last);
    }
}
