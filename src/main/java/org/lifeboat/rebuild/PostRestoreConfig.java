package org.lifeboat.rebuild;

import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code lifeboat.restore.post-restore}: a step the drill and a disaster recovery run
 * after every datastore is swapped in and before anything is committed. Exactly one of
 * {@link #elasticsearchBulk()}, {@link #elasticsearchHook()}, {@link #http()} and
 * {@link #command()} is given; a failed step rolls the whole restore back.
 *
 * <p>Optional groups hold no {@code @WithDefault} (SmallRye does not apply defaults inside an
 * absent optional group), so defaults are applied where the settings are built, in
 * {@link PostRestoreSteps}.
 */
public interface PostRestoreConfig {

    /** A name for reports and errors; default the kind and its target, e.g. {@code elasticsearch bulk people}. */
    Optional<String> name();

    /** The longest the step may run; it is stopped after that and fails. Default {@code PT1H}. */
    Optional<Duration> timeout();

    /** The Elasticsearch cluster, for the two Elasticsearch kinds. */
    Optional<Elasticsearch> elasticsearch();

    /** Rebuild an index from a restored datastore into a new versioned index, then swap its alias. */
    @WithName("elasticsearch-bulk")
    Optional<Bulk> elasticsearchBulk();

    /** Ask the application to rebuild its own indices, wait for it, check the indices. */
    @WithName("elasticsearch-hook")
    Optional<Hook> elasticsearchHook();

    /** One HTTP request that must answer the expected status. */
    Optional<Http> http();

    /** One program run without a shell; its secrets come from files into its environment. */
    Optional<Command> command();

    /** How to reach Elasticsearch. */
    interface Elasticsearch {
        /** {@code http(s)://host:port}, without credentials. */
        List<URI> urls();

        Optional<String> user();

        /** The user's password (a 0600 file). */
        Optional<Path> passwordFile();

        /** Or an API key, the encoded {@code id:key} form (a 0600 file). */
        Optional<Path> apiKeyFile();

        Optional<Duration> connectTimeout();

        Optional<Duration> requestTimeout();
    }

    /** The {@code bulk} rebuild of one index. */
    interface Bulk {
        /** The alias searches use. */
        String alias();

        /** The index's settings and mappings, the body of {@code PUT /<index>}. */
        Path indexFile();

        /** Where the documents come from. */
        Source source();

        Optional<Long> bulkBytes();

        Optional<Integer> bulkDocuments();

        /** Fewer documents fail the rebuild before the alias moves; default 1. */
        Optional<Long> minimumDocuments();

        /** Keep the index the alias pointed at; default false (deleted after the swap). */
        Optional<Boolean> keepOldIndex();
    }

    /**
     * A restored datastore as a source of documents: exactly one of {@link #postgres()} and
     * {@link #mongo()}. The connection is the restore's own datastore configuration.
     */
    interface Source {
        Optional<PostgresQuery> postgres();

        Optional<MongoCollection> mongo();
    }

    /** Rows of a query on the restored PostgreSQL: two columns, the id and the JSON document. */
    interface PostgresQuery {
        String database();

        /** For a bulk rebuild; for a hook check only {@link #countQuery()} is needed. */
        Optional<String> query();

        /** One number; default {@code SELECT count(*) FROM (<query>) q}. */
        Optional<String> countQuery();

        Optional<Integer> fetchSize();
    }

    /** Documents of a collection of the restored MongoDB. */
    interface MongoCollection {
        String database();

        String collection();

        Optional<Integer> batchSize();
    }

    /** The {@code hook} rebuild: authenticate (optional), trigger, poll, check. */
    interface Hook {
        Optional<Token> token();

        Optional<List<Header>> headers();

        URI triggerUrl();

        Optional<String> triggerMethod();

        Optional<Path> triggerBodyFile();

        Optional<String> jobIdField();

        String statusUrl();

        Optional<String> statusField();

        Optional<List<String>> completedValues();

        Optional<List<String>> failedValues();

        Optional<Duration> pollInterval();

        /** The indices checked once the application says it is done. */
        Optional<List<IndexCheck>> checks();
    }

    /** How the hook logs in first. */
    interface Token {
        URI url();

        Path credentialsFile();

        Optional<String> contentType();

        Optional<String> tokenField();

        Optional<String> headerName();

        Optional<String> valuePrefix();
    }

    /** A header whose value is read from a 0600 file. */
    interface Header {
        String name();

        Optional<String> valuePrefix();

        Path valueFile();
    }

    /** An index the hook must have rebuilt. */
    interface IndexCheck {
        String index();

        Optional<Long> minimumDocuments();

        /** Its count must equal this source's count. */
        Optional<Source> equalTo();
    }

    /** An HTTP hook. */
    interface Http {
        URI url();

        /** Default {@code POST}. */
        Optional<String> method();

        Optional<List<Header>> headers();

        Optional<Path> bodyFile();

        /** Default {@code application/json}. */
        Optional<String> contentType();

        /** Default 200. */
        Optional<Integer> expectedStatus();
    }

    /** A program to run. */
    interface Command {
        /** The program and its arguments, no shell; no secret here. */
        List<String> run();

        /** Environment variables whose values are read from 0600 files: the way to pass a secret. */
        Map<String, Path> environmentFiles();

        /** Plain environment variables. */
        Map<String, String> environment();
    }
}
