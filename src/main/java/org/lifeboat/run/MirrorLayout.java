package org.lifeboat.run;

import org.lifeboat.datastore.BodyRecord;
import org.lifeboat.store.StorePaths;

/**
 * Where a datastore's mirror lives beside the sets of its environment:
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
    static final String INCOMING = "incoming";

    private final String folderName;
    private final String folder;

    MirrorLayout(String environmentFolder, String datastore) {
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

    String incoming(String randomName) {
        return StorePaths.join(folder, INCOMING + "/" + randomName + StoreArtifactSink.SUFFIX);
    }

    String body(BodyRecord body) {
        return StorePaths.join(folder, body.pathInMirror());
    }

    /** The path of {@code body} in the mirror folder {@code mirrorFolderName} beside the sets of {@code environmentFolder}. */
    static String body(String environmentFolder, String mirrorFolderName, BodyRecord body) {
        return StorePaths.join(StorePaths.join(environmentFolder, StorePaths.checkEntry(mirrorFolderName)), body.pathInMirror());
    }
}
