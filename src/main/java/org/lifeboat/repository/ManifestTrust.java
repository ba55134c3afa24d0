package org.lifeboat.repository;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.keys.AllowedSigners;
import org.lifeboat.keys.ManifestSignature;
import org.lifeboat.manifest.Manifest;

/**
 * Which manifests a server believes. A manifest counts only if its SSH signature is made by a key
 * that {@link AllowedSigners} allows for {@value ManifestSignature#NAMESPACE} and matches the
 * manifest's bytes; since the manifest holds every artifact's digests, that authenticates the whole
 * set. For the move to signed sets, unsigned manifests whose run finished before a configured
 * instant may be accepted, with a warning each time (anyone who can write to the backup server can
 * plant such a set, so the option is for the weeks until the old sets age out).
 */
public final class ManifestTrust {

    private static final Logger LOG = Logger.getLogger(ManifestTrust.class);

    private final AllowedSigners signers;
    private final Optional<Instant> acceptUnsignedBefore;

    /**
     * @param signers the keys whose signatures count
     * @param acceptUnsignedBefore unsigned sets that finished before this are accepted; empty: none are
     */
    public ManifestTrust(AllowedSigners signers, Optional<Instant> acceptUnsignedBefore) {
        this.signers = signers;
        this.acceptUnsignedBefore = acceptUnsignedBefore;
    }

    /**
     * Why {@code manifest} is not to be believed, or empty if it is.
     *
     * @param bytes the manifest file's bytes, as read
     * @param signature the signature file's text, or empty when the set has none
     * @param where the manifest's path and store, for messages
     */
    Optional<String> problem(byte[] bytes, Optional<String> signature, Manifest manifest, String where) {
        if (signature.isEmpty()) {
            if (acceptUnsignedBefore.isPresent() && manifest.finished().isBefore(acceptUnsignedBefore.get())) {
                LOG.warnf("%s has no signature; accepted because it finished (%s) before accept-unsigned-before (%s)", where,
                        manifest.finished(), acceptUnsignedBefore.get());
                return Optional.empty();
            }
            return Optional.of("its manifest is not signed (no " + SetLayout.SIGNATURE + ")"
                    + acceptUnsignedBefore.map(i -> " and it finished after accept-unsigned-before " + i).orElse(""));
        }
        try {
            ManifestSignature.verify(bytes, signature.get(), signers, SetLayout.SIGNATURE);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("its signature is refused: " + e.getMessage());
        }
    }
}
