package org.lifeboat.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lifeboat.ConfigException;
import org.lifeboat.datastore.mongo.MongoConfig;
import org.lifeboat.datastore.postgres.PostgresConfig;
import org.lifeboat.rebuild.elasticsearch.BulkIndexSettings;
import org.lifeboat.rebuild.elasticsearch.DocumentSourceSettings;
import org.lifeboat.rebuild.elasticsearch.ElasticsearchBulkRebuild;
import org.lifeboat.rebuild.elasticsearch.ElasticsearchHookRebuild;
import org.lifeboat.rebuild.elasticsearch.ElasticsearchSettings;
import org.lifeboat.rebuild.elasticsearch.HookSettings;
import org.lifeboat.rebuild.elasticsearch.IndexCheckSettings;
import org.lifeboat.rebuild.elasticsearch.MongoCollectionSettings;
import org.lifeboat.rebuild.elasticsearch.PostgresQuerySettings;
import org.lifeboat.rebuild.elasticsearch.TokenSettings;

/**
 * Builds the configured post-restore steps ({@code lifeboat.restore.post-restore}), in order, each
 * under its timeout. A source of documents reads the restore's own datastore (its connection and
 * password file from {@code lifeboat.datastores}). Anything wrong is a configuration error naming
 * the entry ({@code lifeboat.restore.post-restore[2]}).
 */
public final class PostRestoreSteps {

    /** A step's time limit when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    private final Optional<PostgresConfig> postgres;
    private final Optional<MongoConfig> mongo;

    /** @param postgres and {@code mongo}: the restore's datastores, the sources of rebuilt indices */
    public PostRestoreSteps(Optional<PostgresConfig> postgres, Optional<MongoConfig> mongo) {
        this.postgres = postgres;
        this.mongo = mongo;
    }

    /** The steps of {@code entries}, in order. */
    public List<RestoreStep> build(List<PostRestoreConfig> entries) {
        List<RestoreStep> steps = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "lifeboat.restore.post-restore[" + i + "]";
            try {
                steps.add(build(entries.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(key + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(steps);
    }

    private RestoreStep build(PostRestoreConfig entry) {
        int kinds = (entry.elasticsearchBulk().isPresent() ? 1 : 0) + (entry.elasticsearchHook().isPresent() ? 1 : 0)
                + (entry.http().isPresent() ? 1 : 0) + (entry.command().isPresent() ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("give exactly one of elasticsearch-bulk, elasticsearch-hook, http and command, not "
                    + kinds);
        }
        RestoreStep step;
        if (entry.elasticsearchBulk().isPresent()) {
            PostRestoreConfig.Bulk bulk = entry.elasticsearchBulk().get();
            step = new ElasticsearchBulkRebuild(elasticsearch(entry), new BulkIndexSettings(bulk.alias(),
                    documents(bulk.source(), true), bulk.indexFile(), bulk.bulkBytes().orElse(0L), bulk.bulkDocuments().orElse(0),
                    bulk.minimumDocuments().orElse(null), bulk.keepOldIndex().orElse(false)));
        } else if (entry.elasticsearchHook().isPresent()) {
            step = new ElasticsearchHookRebuild(entry.name().orElse("elasticsearch hook"), elasticsearch(entry),
                    hook(entry.elasticsearchHook().get(), timeout(entry)));
        } else if (entry.http().isPresent()) {
            PostRestoreConfig.Http http = entry.http().get();
            step = new HttpHookStep(entry.name().orElse("http " + http.method().orElse("POST") + " " + http.url().getPath()), http);
        } else {
            PostRestoreConfig.Command command = entry.command().get();
            step = new CommandStep(entry.name().orElse("command " + programName(command.run())), command);
        }
        return new TimedStep(entry.name().orElse(step.name()), timeout(entry), step);
    }

    private static String programName(List<String> run) {
        if (run.isEmpty()) {
            throw new IllegalArgumentException("command.run is empty: give the program and its arguments");
        }
        return java.nio.file.Path.of(run.get(0)).getFileName().toString();
    }

    private static Duration timeout(PostRestoreConfig entry) {
        Duration timeout = entry.timeout().orElse(DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return timeout;
    }

    private static ElasticsearchSettings elasticsearch(PostRestoreConfig entry) {
        PostRestoreConfig.Elasticsearch es = entry.elasticsearch().orElseThrow(() -> new IllegalArgumentException(
                "an Elasticsearch step needs elasticsearch.urls"));
        return new ElasticsearchSettings(es.urls(), es.user().orElse(null), es.passwordFile().orElse(null),
                es.apiKeyFile().orElse(null), es.connectTimeout().orElse(null), es.requestTimeout().orElse(null));
    }

    private HookSettings hook(PostRestoreConfig.Hook hook, Duration timeout) {
        TokenSettings token = hook.token().map(t -> new TokenSettings(t.url(), t.credentialsFile(), t.contentType().orElse(null),
                t.tokenField().orElse(null), t.headerName().orElse(null), t.valuePrefix().orElse(null))).orElse(null);
        List<IndexCheckSettings> checks = hook.checks().orElse(List.of()).stream()
                .map(c -> new IndexCheckSettings(c.index(), c.minimumDocuments().orElse(null),
                        c.equalTo().map(s -> documents(s, false)).orElse(null)))
                .toList();
        return new HookSettings(token, headers(hook.headers()), hook.triggerUrl(), hook.triggerMethod().orElse(null),
                hook.triggerBodyFile().orElse(null), hook.jobIdField().orElse(null), hook.statusUrl(), hook.statusField().orElse(null),
                Set.copyOf(hook.completedValues().orElse(List.of())), Set.copyOf(hook.failedValues().orElse(List.of())),
                hook.pollInterval().orElse(null), timeout, null, null, checks);
    }

    static List<SecretHeader> headers(Optional<List<PostRestoreConfig.Header>> headers) {
        return headers.orElse(List.of()).stream().map(h -> new SecretHeader(h.name(), h.valuePrefix().orElse(null), h.valueFile()))
                .toList();
    }

    /** The documents of a restored datastore; {@code forBulk} needs a query, a count check only a count. */
    private DocumentSourceSettings documents(PostRestoreConfig.Source source, boolean forBulk) {
        if (source.postgres().isPresent() == source.mongo().isPresent()) {
            throw new IllegalArgumentException("a source is exactly one of postgres and mongo");
        }
        if (source.postgres().isPresent()) {
            PostRestoreConfig.PostgresQuery query = source.postgres().get();
            PostgresConfig pg = postgres.orElseThrow(() -> new IllegalArgumentException(
                    "a postgres source needs lifeboat.datastores.postgres (the restored server)"));
            if (query.query().isEmpty() && (forBulk || query.countQuery().isEmpty())) {
                throw new IllegalArgumentException("a postgres source needs query" + (forBulk ? "" : " or count-query"));
            }
            return new PostgresQuerySettings(pg.host(), pg.port(), pg.user(), passwordFile(pg.passwordFile(), pg.passwordEnv(),
                    "lifeboat.datastores.postgres"), query.database(), query.query().orElseGet(() -> query.countQuery().orElseThrow()),
                    query.countQuery().orElse(null),
                    query.fetchSize().orElse(0));
        }
        PostRestoreConfig.MongoCollection collection = source.mongo().get();
        MongoConfig m = mongo.orElseThrow(() -> new IllegalArgumentException(
                "a mongo source needs lifeboat.datastores.mongo (the restored deployment)"));
        return new MongoCollectionSettings(m.connectionString(), m.user().orElse(null), m.user().isEmpty() ? null
                : passwordFile(m.passwordFile(), m.passwordEnv(), "lifeboat.datastores.mongo"), m.authDatabase().orElse(null),
                collection.database(), collection.collection(), collection.batchSize().orElse(0));
    }

    private static java.nio.file.Path passwordFile(Optional<java.nio.file.Path> file, Optional<String> env, String key) {
        if (file.isEmpty() && env.isPresent()) {
            throw new IllegalArgumentException("a rebuild source reads its password from a file: give " + key
                    + ".password-file instead of password-env");
        }
        return file.orElse(null);
    }
}
