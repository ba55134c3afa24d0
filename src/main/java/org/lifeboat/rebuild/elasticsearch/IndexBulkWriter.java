package org.lifeboat.rebuild.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes documents into one index with bulk requests of bounded size: a request is sent when it
 * holds {@code maxDocuments} documents or when the next one would take it past {@code maxBytes}
 * of document source (a single larger document goes alone). One request is in flight at a time
 * and the documents are sent as the source's bytes, unparsed, so memory holds about one request.
 * Any refused document fails the whole rebuild, naming its id and the node's reason.
 */
final class IndexBulkWriter implements DocumentSource.Sink {

    /** The action line and separators Elasticsearch gets per document besides its source, roughly. */
    private static final int ACTION_OVERHEAD_BYTES = 64;

    private final ElasticsearchConnection es;
    private final String index;
    private final long maxBytes;
    private final int maxDocuments;
    private final List<BulkOperation> batch = new ArrayList<>();
    private long batchBytes;
    private long written;
    private long requests;
    private long largestRequestBytes;

    IndexBulkWriter(ElasticsearchConnection es, String index, long maxBytes, int maxDocuments) {
        this.es = es;
        this.index = index;
        this.maxBytes = maxBytes;
        this.maxDocuments = maxDocuments;
    }

    @Override
    public void accept(String id, byte[] json) throws IOException {
        long size = json.length + id.length() + ACTION_OVERHEAD_BYTES;
        if (!batch.isEmpty() && batchBytes + size > maxBytes) {
            flush();
        }
        BinaryData document = BinaryData.of(json, ContentType.APPLICATION_JSON);
        batch.add(BulkOperation.of(op -> op.index(i -> i.id(id).document(document))));
        batchBytes += size;
        if (batch.size() >= maxDocuments || batchBytes >= maxBytes) {
            flush();
        }
    }

    /** Sends what is left; call once after the last document. */
    void finish() throws IOException {
        if (!batch.isEmpty()) {
            flush();
        }
    }

    /** Documents the node accepted so far. */
    long written() {
        return written;
    }

    long requests() {
        return requests;
    }

    /** The largest request sent, in bytes of document source and action lines (approximate). */
    long largestRequestBytes() {
        return largestRequestBytes;
    }

    private void flush() throws IOException {
        List<BulkOperation> operations = List.copyOf(batch);
        BulkResponse response = ElasticsearchErrors.call(es, "bulk-write into index", index,
                () -> es.client().bulk(b -> b.index(index).operations(operations)));
        if (response.errors()) {
            long failed = response.items().stream().filter(item -> item.error() != null).count();
            BulkResponseItem first = response.items().stream().filter(item -> item.error() != null).findFirst().orElseThrow();
            throw new IOException("unable to bulk-write into index '" + index + "' on " + es.describe() + ": " + failed + " of "
                    + operations.size() + " documents refused after " + written + " written; the first, id '" + first.id() + "': "
                    + ElasticsearchErrors.cause(first.error()));
        }
        written += operations.size();
        requests++;
        largestRequestBytes = Math.max(largestRequestBytes, batchBytes);
        batch.clear();
        batchBytes = 0;
    }
}
