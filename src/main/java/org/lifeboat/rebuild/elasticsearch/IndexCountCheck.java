package org.lifeboat.rebuild.elasticsearch;

import java.io.IOException;

/** The hook mode's check of one index: it exists, and its document count is as expected. */
final class IndexCountCheck {

    /** One index's outcome: whether it passed, and the report line. */
    record Outcome(boolean ok, String detail) {
    }

    private IndexCountCheck() {
    }

    /**
     * Refreshes {@code check.index()} (so that every document the application wrote is counted),
     * counts it and compares with the minimum and, if configured, the source's count now.
     */
    static Outcome check(ElasticsearchConnection es, IndexCheckSettings check) throws IOException {
        String name = check.index();
        boolean exists = ElasticsearchErrors.call(es, "look up index", name, () -> es.client().indices().exists(i -> i.index(name)).value());
        if (!exists) {
            return new Outcome(false, "index " + name + ": does not exist on " + es.describe());
        }
        ElasticsearchErrors.call(es, "refresh index", name, () -> es.client().indices().refresh(r -> r.index(name)));
        long count = ElasticsearchErrors.call(es, "count index", name, () -> es.client().count(c -> c.index(name)).count());
        if (check.equalToSource() != null) {
            DocumentSource source = DocumentSource.of(check.equalToSource());
            long expected = source.count();
            boolean ok = count == expected && count >= check.minimumDocuments();
            return new Outcome(ok, "index " + name + ": " + count + " documents, expected " + expected + " (" + source.describe() + ")"
                    + (count >= check.minimumDocuments() ? "" : ", below the minimum " + check.minimumDocuments()));
        }
        boolean ok = count >= check.minimumDocuments();
        return new Outcome(ok, "index " + name + ": " + count + " documents, expected at least " + check.minimumDocuments());
    }
}
