package org.lifeboat.rebuild.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.rebuild.NamedStep;
import org.lifeboat.rebuild.StepResult;

/**
 * The {@code hook} mode: the application rebuilds its own indices. Lifeboat authenticates,
 * triggers and polls ({@link ReindexHook}), then checks every configured index
 * ({@link IndexCountCheck}). A failed or timed-out rebuild, or a failed check, is a result that is
 * not ok; an unreachable application or cluster, or an unexpected answer, an {@link IOException}.
 * Lifeboat changes nothing in Elasticsearch in this mode but refreshing the checked indices.
 */
public final class ElasticsearchHookRebuild extends NamedStep {

    private final ElasticsearchSettings elasticsearch;
    private final HookSettings hook;

    /** @param name what the step is called in reports, for example {@code elasticsearch hook search-app} */
    public ElasticsearchHookRebuild(String name, ElasticsearchSettings elasticsearch, HookSettings hook) {
        super(name);
        this.elasticsearch = elasticsearch;
        this.hook = hook;
    }

    @Override
    public StepResult run() throws IOException {
        long start = System.nanoTime();
        long deadline = start + hook.timeout().toNanos();
        ReindexHook application = new ReindexHook(hook);
        URI status = application.trigger();
        ReindexHook.Poll poll;
        try {
            poll = application.poll(status, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while polling the rebuild's status", e);
        }
        List<String> details = new ArrayList<>();
        details.add(poll.detail());
        if (poll.outcome() != ReindexHook.Outcome.COMPLETED) {
            return result(false, details, start);
        }
        boolean ok = true;
        try (ElasticsearchConnection es = ElasticsearchConnection.open(elasticsearch)) {
            for (IndexCheckSettings check : hook.checks()) {
                IndexCountCheck.Outcome outcome = IndexCountCheck.check(es, check);
                details.add(outcome.detail());
                ok &= outcome.ok();
            }
        }
        return result(ok, details, start);
    }
}
