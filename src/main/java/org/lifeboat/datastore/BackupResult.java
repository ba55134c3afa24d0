package org.lifeboat.datastore;

import java.util.List;
import java.util.Map;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * What a datastore's backup produced, for its manifest entry.
 *
 * @param versions server and tool versions
 * @param artifacts the artifacts written, in order
 * @param counts scope → item → count, taken at backup time
 * @param excluded what the configuration left out
 */
public record BackupResult(
        Map<String, String> versions,
        List<ArtifactRecord> artifacts,
        Map<String, Map<String, Long>> counts,
        List<String> excluded) {
}
