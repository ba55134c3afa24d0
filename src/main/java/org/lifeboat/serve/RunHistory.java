package org.lifeboat.serve;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code serve} remembers of its runs, for health and metrics: the last report of each verb,
 * per datastore its last success and failure count, and run counts per verb and outcome. Kept in
 * memory: after a restart the store's sets speak for the past ({@link StoreFacts}).
 */
public final class RunHistory {

    private final Map<String, RunReport> lastByVerb = new ConcurrentHashMap<>();
    private final Map<String, RunReport> lastByCommand = new ConcurrentHashMap<>();
    private final Map<String, RunReport.DatastoreReport> lastSuccessByDatastore = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccessAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failuresByDatastore = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> runs = new ConcurrentHashMap<>();
    private volatile RunReport lastRestoreSuccess;

    /** Records a finished run. */
    public void record(RunReport report) {
        lastByVerb.put(report.verb(), report);
        lastByCommand.put(report.command(), report);
        runs.computeIfAbsent(report.verb() + "\u0000" + (report.ok() ? "success" : "failure"), k -> new AtomicLong()).incrementAndGet();
        for (RunReport.DatastoreReport datastore : report.datastores()) {
            if (datastore.ok() && report.ok()) {
                lastSuccessByDatastore.put(datastore.name(), datastore);
                lastSuccessAt.put(datastore.name(), report.finished());
            } else if (!datastore.ok()) {
                failuresByDatastore.computeIfAbsent(datastore.name(), k -> new AtomicLong()).incrementAndGet();
            }
        }
        if (report.ok() && report.verb().equals("restore")) {
            lastRestoreSuccess = report;
        }
    }

    /** The last run of {@code verb}, if any ran. */
    public Optional<RunReport> last(String verb) {
        return Optional.ofNullable(lastByVerb.get(verb));
    }

    /** The last run of each command line ({@code backup}, {@code backup --datastore postgres}, ...). */
    public Map<String, RunReport> lastByCommand() {
        return new TreeMap<>(lastByCommand);
    }

    /** The last successful restore, if any. */
    public Optional<RunReport> lastRestoreSuccess() {
        return Optional.ofNullable(lastRestoreSuccess);
    }

    /** Per datastore name: its report in its last successful run, and when that run ended. */
    public Map<String, Map.Entry<Instant, RunReport.DatastoreReport>> lastSuccesses() {
        Map<String, Map.Entry<Instant, RunReport.DatastoreReport>> all = new TreeMap<>();
        lastSuccessByDatastore.forEach((name, report) -> all.put(name, Map.entry(lastSuccessAt.get(name), report)));
        return all;
    }

    /** Per datastore name, how many runs it failed in. */
    public Map<String, Long> failures() {
        Map<String, Long> all = new TreeMap<>();
        failuresByDatastore.forEach((name, count) -> all.put(name, count.get()));
        return all;
    }

    /** How many runs of {@code verb} ended with {@code outcome} ({@code success} or {@code failure}). */
    public long runs(String verb, String outcome) {
        AtomicLong count = runs.get(verb + "\u0000" + outcome);
        return count == null ? 0 : count.get();
    }
}
