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
 * Documents the node rejects with 429 (its write queue full) are sent again, up to five times with
 * a growing pause; any other refused document fails the whole rebuild, naming its id and the
 * node's reason.
 */
final class IndexBulkWriter implements DocumentSource.Sink {

    /** The action line and separators Elasticsearch gets per document besides its source, roughly. */
    private static final int ACTION_OVERHEAD_BYTES = 64;
    /** How often documents the node rejected with 429 (write queue full) are sent again, after 0.5, 1, 2, 4, 8 s. */
    private static final int RETRIES = 5;

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
        List<BulkOperation> pending = List.copyOf(batch);
        int sent = pending.size();
        for (int attempt = 0; ; attempt++) {
            List<BulkOperation> operations = pending;
            BulkResponse response = ElasticsearchErrors.call(es, "bulk-write into index", index,
                    () -> es.client().bulk(b -> b.index(index).operations(operations)));
            List<BulkOperation> rejected = new ArrayList<>();
            BulkResponseItem first = null;
            long failed = 0;
            for (int i = 0; i < response.items().size(); i++) {
                BulkResponseItem item = response.items().get(i);
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 429 && attempt < RETRIES) {
                    rejected.add(operations.get(i)); // the node's write queue is full: not the document's fault
                } else {
                    failed++;
                    first = first == null ? item : first;
                }
            }
            if (first != null) {
                throw new IOException("unable to bulk-write into index '" + index + "' on " + es.describe() + ": " + failed + " of "
                        + sent + " documents refused after " + written + " written; the first, id '" + first.id() + "': "
                        + ElasticsearchErrors.cause(first.error()));
            }
            written += operations.size() - rejected.size();
            if (rejected.isEmpty()) {
                break;
            }
            pending = rejected;
            try {
                Thread.sleep(500L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to resend to index '" + index + "'", e);
            }
        }
        requests++;
        largestRequestBytes = Math.max(largestRequestBytes, batchBytes);
        batch.clear();
        batchBytes = 0;
    }
}
