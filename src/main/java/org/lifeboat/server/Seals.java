package org.lifeboat.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.retention.RetentionPolicy.State;

/**
 * The sets as retention sees them on the backup server: a complete set counts only once it is
 * sealed; a complete one that is not (refused by {@link SealRun}, or published since) is
 * {@link State#UNSEALED}, never counted and never removed.
 */
public final class Seals {

    private final SetSeal seal;
    private final Path environmentFolder;
    private final Map<String, String> refused;
    private final Set<String> wouldSeal;

    /** @param wouldSeal set folders a dry run would have sealed: counted as sealed */
    Seals(SetSeal seal, Path environmentFolder, Map<String, String> refused, Set<String> wouldSeal) {
        this.seal = seal;
        this.environmentFolder = environmentFolder;
        this.refused = Map.copyOf(refused);
        this.wouldSeal = Set.copyOf(wouldSeal);
    }

    /** The state retention sees for {@code set}. */
    public State state(SetCatalog.SetInfo set) {
        if (set.state() != State.COMPLETE) {
            return set.state();
        }
        if (wouldSeal.contains(set.folder())) {
            return State.COMPLETE;
        }
        try {
            return seal.sealed(environmentFolder.resolve(set.folder())) ? State.COMPLETE : State.UNSEALED;
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read the owner of '" + environmentFolder.resolve(set.folder()) + "'", e);
        }
    }

    /** The set folders this run refused to seal, with the reason. */
    public Map<String, String> refused() {
        return refused;
    }
}
