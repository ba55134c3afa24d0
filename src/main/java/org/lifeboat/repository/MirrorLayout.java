package org.lifeboat.repository;

import java.util.Optional;
import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.store.StorePaths;

/**
 * Where a datastore's mirror lives beside the sets of its environment, and the one owner of its
 * file names:
 *
 * <pre>
 * &lt;environment&gt;/&lt;datastore&gt;-mirror/
 *   ab/ab12….zst.age      a body, named by the keyed hash of its plaintext
 *   incoming/&lt;random&gt;.zst.age   a body being written (prune removes stale ones)
 * </pre>
 *
 * and, inside each set, {@code <datastore>/}{@value #REFERENCES_FILE}{@code .zst.age}: every body
 * the set needs, one {@link BodyRecord#toLine()} per line.
 */
public final class MirrorLayout {

    /** The suffix of a mirror folder's name. */
    public static final String SUFFIX = "-mirror";
    /** The file name of a set's references artifact (before the encoding suffix). */
    public static final String REFERENCES_FILE = "mirror-references.txt";
    /** The sub-folder of bodies being written. */
    public static final String INCOMING = "incoming";

    private final String folderName;
    private final String folder;

    /** The mirror of {@code datastore} among the sets of {@code environmentFolder}. */
    public MirrorLayout(String environmentFolder, String datastore) {
        this.folderName = datastore + SUFFIX;
        this.folder = StorePaths.join(environmentFolder, folderName);
    }

    /** {@code minio-mirror}. */
    String folderName() {
        return folderName;
    }

    /** The mirror's folder from the store's root. */
    String folder() {
        return folder;
    }

    /** A new body's path while it is written. */
    String incoming(String randomName) {
        return StorePaths.join(folder, INCOMING + "/" + randomName + StoreArtifactSink.SUFFIX);
    }

    /** The path of {@code body}. */
    String body(BodyRecord body) {
        return StorePaths.join(folder, pathInMirror(body));
    }

    /** {@code ab/ab12….zst.age}: where {@code body} is inside its mirror folder. */
    public static String pathInMirror(BodyRecord body) {
        return body.name().substring(0, 2) + "/" + body.name() + StoreArtifactSink.SUFFIX;
    }

    /** Whether {@code name} is a sub-folder of this layout: {@link #INCOMING} or a two-hex-digit shard. */
    public static boolean isMirrorFolder(String name) {
        return name.equals(INCOMING) || name.matches("[0-9a-f]{2}");
    }

    /**
     * The body name of a file in sub-folder {@code folder}: its name without the suffix, when it is
     * a body (or, under {@link #INCOMING}, any encoded file); empty for anything else, which is
     * left alone.
     */
    static Optional<String> bodyName(String folder, String fileName) {
        if (!fileName.endsWith(StoreArtifactSink.SUFFIX)) {
            return Optional.empty();
        }
        String name = fileName.substring(0, fileName.length() - StoreArtifactSink.SUFFIX.length());
        return folder.equals(INCOMING) || BodyRecord.isName(name) ? Optional.of(name) : Optional.empty();
    }
}
