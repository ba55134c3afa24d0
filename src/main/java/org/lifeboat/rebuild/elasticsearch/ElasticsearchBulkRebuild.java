package org.lifeboat.rebuild.elasticsearch;

import co.elastic.clients.elasticsearch.indices.GetIndexResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.lifeboat.rebuild.NamedStep;
import org.lifeboat.rebuild.StepResult;

/**
 * The {@code bulk} mode for one index: Lifeboat rebuilds it from a restored datastore.
 *
 * <ol>
 *   <li>read the index file; look up what the alias names now ({@link IndexAliases});</li>
 *   <li>create {@code <alias>-<timestamp>} from the index file (not searchable through the alias);</li>
 *   <li>stream the source's documents into it with bounded bulk requests ({@link IndexBulkWriter});</li>
 *   <li>refresh and count: the count must equal the documents read and reach the minimum;</li>
 *   <li>move the alias in one {@code _aliases} request (remove + add);</li>
 *   <li>only then delete the old index (unless kept) and leftovers of earlier failed runs.</li>
 * </ol>
 * Until step 5 the live index is untouched and searchable. A failure in steps 2–5 deletes the new
 * index and leaves the alias where it was; a failed count is a result that is not ok, any other
 * failure an {@link IOException} naming the cluster, the index and the phase.
 */
public final class ElasticsearchBulkRebuild extends NamedStep {

    private final ElasticsearchSettings elasticsearch;
    private final BulkIndexSettings index;
    private final Clock clock;

    public ElasticsearchBulkRebuild(ElasticsearchSettings elasticsearch, BulkIndexSettings index) {
        this(elasticsearch, index, Clock.systemUTC());
    }

    ElasticsearchBulkRebuild(ElasticsearchSettings elasticsearch, BulkIndexSettings index, Clock clock) {
        super("elasticsearch bulk " + index.alias());
        this.elasticsearch = elasticsearch;
        this.index = index;
        this.clock = clock;
    }

    @Override
    public StepResult run() throws IOException {
        long start = System.nanoTime();
        byte[] body = IndexFile.read(index.indexFile());
        DocumentSource source = DocumentSource.of(index.source());
        try (ElasticsearchConnection es = ElasticsearchConnection.open(elasticsearch)) {
            IndexAliases before = IndexAliases.find(es, index.alias());
            if (before.concrete() && index.keepOldIndex()) {
                throw new IOException("'" + index.alias() + "' on " + es.describe() + " is a concrete index, not an alias: it cannot be"
                        + " kept under its name once the alias takes it (keep-old-index); delete or rename it, or set keep-old-index false");
            }
            String fresh = IndexAliases.versionedName(index.alias(), ZonedDateTime.now(clock));
            List<String> details = new ArrayList<>();
            boolean created = false;
            try {
                created = create(es, fresh, body);
                IndexBulkWriter writer = new IndexBulkWriter(es, fresh, index.bulkBytes(), index.bulkDocuments());
                long read = source.read(writer);
                writer.finish();
                long count = count(es, fresh);
                details.add("index " + index.alias() + ": " + count + " documents, expected " + read + " (" + source.describe() + ")");
                details.add("bulk: " + writer.requests() + " requests, largest ~" + writer.largestRequestBytes() + " bytes");
                String problem = count != read ? "count " + count + " differs from the " + read + " documents read"
                        : count < index.minimumDocuments() ? "count " + count + " is below the minimum " + index.minimumDocuments() : null;
                if (problem != null) {
                    details.add(problem + "; alias " + index.alias() + " left on " + before.describe() + ", " + removeNew(es, fresh));
                    return result(false, details, start);
                }
                swap(es, before, fresh); // the last thing that can fail: after it, the new index is live
            } catch (SwapOutcomeUnknown unknown) {
                throw unknown; // the new index may be live: it is not touched
            } catch (IOException | RuntimeException e) {
                String cleanup = created ? ", " + removeNew(es, fresh) : "";
                throw new IOException(e.getMessage() + "; alias " + index.alias() + " left on " + before.describe() + cleanup, e);
            }
            details.add("alias " + index.alias() + ": moved from " + before.describe() + " to " + fresh);
            boolean clean = deleteOld(es, before, fresh, details);
            return result(clean, details, start);
        }
    }

    /** Creates {@code name} with the index file as its body; true once it exists (even if the answer was lost). */
    private boolean create(ElasticsearchConnection es, String name, byte[] body) throws IOException {
        boolean exists = ElasticsearchErrors.call(es, "look up index", name, () -> es.client().indices().exists(i -> i.index(name)).value());
        if (exists) {
            throw new IOException("unable to create index '" + name + "' on " + es.describe() + ": it exists already (another rebuild running?)");
        }
        Request put = new Request("PUT", "/" + name);
        put.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            es.rest().performRequest(put);
            return true;
        } catch (IOException e) {
            boolean createdAnyway = false;
            try {
                createdAnyway = es.client().indices().exists(i -> i.index(name)).value();
            } catch (IOException | RuntimeException lookup) {
                e.addSuppressed(lookup); // the creation failure is the one to report
            }
            if (createdAnyway) {
                removeNew(es, name);
            }
            throw new IOException("unable to create index '" + name + "' from '" + index.indexFile() + "' on " + es.describe() + ": "
                    + ElasticsearchErrors.reason(e), e);
        }
    }

    private static long count(ElasticsearchConnection es, String name) throws IOException {
        ElasticsearchErrors.call(es, "refresh index", name, () -> es.client().indices().refresh(r -> r.index(name)));
        return ElasticsearchErrors.call(es, "count index", name, () -> es.client().count(c -> c.index(name)).count());
    }

    /**
     * Moves the alias, or throws with the alias where it was. A failed or unacknowledged request
     * may still have been applied: the alias is looked up again before the new index is given up.
     * If even that fails, nobody knows where the alias is; deleting the new index could leave it
     * on nothing, so the new index is kept and the message says to look.
     */
    private void swap(ElasticsearchConnection es, IndexAliases before, String fresh) throws IOException {
        try {
            before.swapTo(es, fresh);
        } catch (IOException e) {
            IndexAliases now;
            try {
                now = IndexAliases.find(es, index.alias());
            } catch (IOException lookup) {
                throw new SwapOutcomeUnknown(e.getMessage() + "; where alias " + index.alias() + " points now is unknown ("
                        + lookup.getMessage() + "): new index " + fresh + " kept, check GET /_alias/" + index.alias()
                        + " and delete the index the alias is not on", e);
            }
            if (!now.indices().equals(List.of(fresh))) {
                throw e;
            } // else: applied after all
        }
    }

    /** Deletes the new index after a failure; says what was done, for the message. */
    private String removeNew(ElasticsearchConnection es, String fresh) {
        try {
            ElasticsearchErrors.call(es, "delete new index", fresh, () -> es.client().indices().delete(d -> d.index(fresh)));
            return "new index " + fresh + " deleted";
        } catch (IOException e) {
            return "new index " + fresh + " NOT deleted (" + e.getMessage() + "): delete it by hand";
        }
    }

    /**
     * After the swap: deletes the indices the alias left (unless kept) and, when not keeping old
     * indices, versions of this alias that no alias holds (left by a run that died before its clean-up).
     *
     * @return false if one could not be deleted (the details say which; the new index is live anyway)
     */
    private boolean deleteOld(ElasticsearchConnection es, IndexAliases before, String fresh, List<String> details) throws IOException {
        if (index.keepOldIndex()) {
            if (!before.indices().isEmpty()) {
                details.add("kept old index " + String.join(", ", before.indices()));
            }
            return true;
        }
        List<String> doomed = new ArrayList<>(before.indices());
        GetIndexResponse versions = ElasticsearchErrors.call(es, "list versions of", index.alias(),
                () -> es.client().indices().get(g -> g.index(index.alias() + "-*").allowNoIndices(true)));
        versions.result().forEach((name, state) -> {
            boolean aliased = state.aliases() != null && !state.aliases().isEmpty();
            if (!name.equals(fresh) && !doomed.contains(name) && !aliased && IndexAliases.isVersionOf(index.alias(), name)) {
                doomed.add(name);
            }
        });
        boolean clean = true;
        for (String old : doomed) {
            try {
                ElasticsearchErrors.call(es, "delete old index", old, () -> es.client().indices().delete(d -> d.index(old)));
                details.add("deleted old index " + old);
            } catch (IOException e) {
                details.add(e.getMessage() + "; the alias is on the new index, delete the old one by hand");
                clean = false;
            }
        }
        return clean;
    }

    /** The alias request failed and the alias could not be looked up afterwards. */
    private static final class SwapOutcomeUnknown extends IOException {
        SwapOutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
