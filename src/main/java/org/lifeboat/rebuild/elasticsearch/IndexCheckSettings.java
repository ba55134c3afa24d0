package org.lifeboat.rebuild.elasticsearch;

import java.util.Objects;

/**
 * What the hook mode checks of one index once the application says it is done.
 *
 * @param index an index or alias name; it must exist
 * @param minimumDocuments its document count must be at least this ({@code 1} if {@code null})
 * @param equalToSource if not {@code null}, its document count must equal this source's count
 *     (for example {@code SELECT count(*) FROM people} on the restored database)
 */
public record IndexCheckSettings(String index, Long minimumDocuments, DocumentSourceSettings equalToSource) {

    public IndexCheckSettings {
        Objects.requireNonNull(index, "index");
        minimumDocuments = minimumDocuments == null ? 1L : minimumDocuments;
    }
}
