package org.lifeboat.rebuild.elasticsearch;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One index that the {@code bulk} mode rebuilds.
 *
 * @param alias the name searches use; Lifeboat moves it from the old index to the new one.
 *     Lower case, as Elasticsearch index names are
 * @param source where the documents come from
 * @param indexFile the body of the index creation ({@code PUT /<index>}) as is: a JSON object
 *     with {@code settings} and/or {@code mappings}, no {@code aliases} (Lifeboat owns the alias)
 * @param bulkBytes the most document bytes in one bulk request ({@code 5 MiB} if 0)
 * @param bulkDocuments the most documents in one bulk request ({@code 1000} if 0)
 * @param minimumDocuments fewer documents than this fail the rebuild before the swap, even when
 *     they match the source ({@code 1} if {@code null}: an empty source is refused unless set to 0)
 * @param keepOldIndex keep the index the alias pointed at, instead of deleting it after the swap
 */
public record BulkIndexSettings(
        String alias,
        DocumentSourceSettings source,
        Path indexFile,
        long bulkBytes,
        int bulkDocuments,
        Long minimumDocuments,
        boolean keepOldIndex) {

    public static final long DEFAULT_BULK_BYTES = 5L << 20;
    public static final int DEFAULT_BULK_DOCUMENTS = 1000;
    /** What Elasticsearch allows in an index name, minus the leading characters it forbids. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");

    public BulkIndexSettings {
        Objects.requireNonNull(alias, "alias");
        if (!NAME.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias '" + alias + "' is not a valid Elasticsearch name (lower-case letters, digits, _ . -)");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(indexFile, "indexFile");
        bulkBytes = bulkBytes == 0 ? DEFAULT_BULK_BYTES : bulkBytes;
        bulkDocuments = bulkDocuments == 0 ? DEFAULT_BULK_DOCUMENTS : bulkDocuments;
        minimumDocuments = minimumDocuments == null ? 1L : minimumDocuments;
        if (bulkBytes < 0 || bulkDocuments < 0 || minimumDocuments < 0) {
            throw new IllegalArgumentException("bulk-bytes, bulk-documents and minimum-documents of '" + alias + "' must not be negative");
        }
    }
}
