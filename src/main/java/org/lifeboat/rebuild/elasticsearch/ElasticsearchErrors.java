package org.lifeboat.rebuild.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import org.elasticsearch.client.ResponseException;

/** One-line messages for the client's failures: the phase, the index, the cluster, and what the node said. */
final class ElasticsearchErrors {

    private ElasticsearchErrors() {
    }

    /** A client call that can fail with the client's runtime or checked exceptions. */
    interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code call}; any failure becomes an {@link IOException} saying
     * {@code unable to <phase> '<index>' on <urls>: <what the node said>}.
     */
    static <T> T call(ElasticsearchConnection es, String phase, String index, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (ElasticsearchException | IOException e) {
            throw new IOException("unable to " + phase + " '" + index + "' on " + es.describe() + ": " + reason(e), e);
        }
    }

    /** What the node said: {@code [type] reason} for an Elasticsearch error, the status for others. */
    static String reason(Exception e) {
        if (e instanceof ElasticsearchException ee && ee.error() != null) {
            return cause(ee.error());
        }
        if (e instanceof TransportException te) {
            return "HTTP " + te.statusCode() + " " + te.getMessage();
        }
        if (e instanceof ResponseException re) {
            String body = re.getMessage();
            int newline = body.indexOf('\n');
            return "HTTP " + re.getResponse().getStatusLine().getStatusCode() + (newline < 0 ? "" : " " + oneLine(body.substring(newline + 1)));
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** {@code [type] reason}, with the first root cause's when it says more. */
    static String cause(ErrorCause error) {
        String text = "[" + error.type() + "] " + error.reason();
        if (error.causedBy() != null && error.causedBy().reason() != null) {
            text += " (caused by [" + error.causedBy().type() + "] " + error.causedBy().reason() + ")";
        }
        return oneLine(text);
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "…";
    }
}
