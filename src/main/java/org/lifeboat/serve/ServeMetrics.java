package org.lifeboat.serve;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /q/metrics}: Micrometer's Prometheus registry over what {@link RunHistory} and
 * {@link StoreFacts} hold. A series appears once there is a value for it (a datastore's after its
 * first success), so a scrape never shows a made-up zero.
 *
 * <pre>
 * lifeboat_datastore_last_success_timestamp_seconds{datastore}   end of its last successful run
 * lifeboat_datastore_last_duration_seconds{datastore}            its part of that run
 * lifeboat_datastore_last_plain_bytes{datastore}                 its artifacts before compression
 * lifeboat_datastore_last_stored_bytes{datastore}                its artifacts on the backup server
 * lifeboat_datastore_failures_total{datastore}                   runs it failed in
 * lifeboat_runs_total{verb,outcome}                              runs by verb, outcome success|failure
 * lifeboat_run_last_success{verb}                                1 when the verb's last run succeeded
 * lifeboat_run_last_duration_seconds{verb}                       its last run's duration
 * lifeboat_restore_time_to_recover_seconds                       last successful restore's RTO
 * lifeboat_restore_data_age_seconds                              its data's age when restored (RPO)
 * lifeboat_newest_set_timestamp_seconds                          start of the newest complete set
 * lifeboat_store_free_bytes                                      free space on the backup server
 * </pre>
 */
public final class ServeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RunHistory history;
    private final Supplier<StoreFacts> facts;
    private final Set<String> registered = new HashSet<>();

    public ServeMetrics(RunHistory history, Supplier<StoreFacts> facts, List<String> verbs) {
        this.history = history;
        this.facts = facts;
        for (String verb : verbs) {
            for (String outcome : List.of("success", "failure")) {
                FunctionCounter.builder("lifeboat.runs", history, h -> h.runs(verb, outcome)).tags("verb", verb, "outcome", outcome)
                        .description("runs by verb and outcome").register(registry);
            }
        }
        Gauge.builder("lifeboat.newest.set.timestamp", facts, f -> f.get().newestSetStarted().map(i -> i.toEpochMilli() / 1000.0)
                .orElse(Double.NaN)).baseUnit("seconds").description("start of the newest complete set").register(registry);
        Gauge.builder("lifeboat.store.free", facts, f -> f.get().freeBytes() < 0 ? Double.NaN : f.get().freeBytes())
                .baseUnit("bytes").description("free space on the backup server").register(registry);
    }

    /** Adds the series of datastores and verbs that have values since the last call. */
    public synchronized void refresh() {
        for (Map.Entry<String, Map.Entry<java.time.Instant, RunReport.DatastoreReport>> entry : history.lastSuccesses().entrySet()) {
            String ds = entry.getKey();
            if (registered.add("datastore " + ds)) {
                Gauge.builder("lifeboat.datastore.last.success.timestamp", history,
                        h -> h.lastSuccesses().get(ds).getKey().toEpochMilli() / 1000.0).tag("datastore", ds).baseUnit("seconds")
                        .description("end of the datastore's last successful run").register(registry);
                Gauge.builder("lifeboat.datastore.last.duration", history,
                        h -> h.lastSuccesses().get(ds).getValue().duration().toMillis() / 1000.0).tag("datastore", ds)
                        .baseUnit("seconds").description("the datastore's part of its last successful run").register(registry);
                Gauge.builder("lifeboat.datastore.last.plain", history, h -> h.lastSuccesses().get(ds).getValue().plainBytes())
                        .tag("datastore", ds).baseUnit("bytes").description("its artifacts' bytes before compression")
                        .register(registry);
                Gauge.builder("lifeboat.datastore.last.stored", history, h -> h.lastSuccesses().get(ds).getValue().storedBytes())
                        .tag("datastore", ds).baseUnit("bytes").description("its artifacts' bytes on the backup server")
                        .register(registry);
            }
        }
        for (String ds : history.failures().keySet()) {
            registerFailures(ds);
        }
        for (String ds : history.lastSuccesses().keySet()) {
            registerFailures(ds);
        }
        for (String verb : List.of("backup", "restore", "prune")) {
            if (history.last(verb).isPresent() && registered.add("verb " + verb)) {
                Gauge.builder("lifeboat.run.last.success", history, h -> h.last(verb).map(r -> r.ok() ? 1.0 : 0.0).orElse(Double.NaN))
                        .tag("verb", verb).description("1 when the verb's last run succeeded").register(registry);
                Gauge.builder("lifeboat.run.last.duration", history,
                        h -> h.last(verb).map(r -> r.duration().toMillis() / 1000.0).orElse(Double.NaN)).tag("verb", verb)
                        .baseUnit("seconds").description("the verb's last run's duration").register(registry);
            }
        }
        if (history.lastRestoreSuccess().isPresent() && registered.add("restore")) {
            Gauge.builder("lifeboat.restore.time.to.recover", history, h -> h.lastRestoreSuccess().flatMap(RunReport::timeToRecover)
                    .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN)).baseUnit("seconds")
                    .description("time to recover of the last successful restore (RTO)").register(registry);
            Gauge.builder("lifeboat.restore.data.age", history, h -> h.lastRestoreSuccess()
                    .flatMap(r -> r.dataTakenAt().map(t -> (r.finished().toEpochMilli() - t.toEpochMilli()) / 1000.0))
                    .orElse(Double.NaN)).baseUnit("seconds")
                    .description("age of the restored data when the last successful restore ended (RPO)").register(registry);
        }
    }

    private void registerFailures(String ds) {
        if (registered.add("failures " + ds)) {
            FunctionCounter.builder("lifeboat.datastore.failures", history, h -> h.failures().getOrDefault(ds, 0L))
                    .tag("datastore", ds).description("runs the datastore failed in").register(registry);
        }
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }
}
