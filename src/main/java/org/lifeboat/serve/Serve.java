package org.lifeboat.serve;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.lifeboat.ConfigException;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.DatastoreKinds;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.config.ServeConfig;
import org.lifeboat.serve.alert.Alerts;

/**
 * {@code lifeboat serve}: the role's jobs on the Quarkus Scheduler, each run exactly as its one-shot
 * command runs it ({@link JobRunner} on a freshly read configuration), one at a time; a watch that
 * reads the backup server now and then for health, metrics and the "no complete set since" alert;
 * and the HTTP listener.
 */
public final class Serve implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Serve.class);

    /** Builds an appliance from the configuration file as it is now. */
    @FunctionalInterface
    public interface ApplianceSource {
        Appliance open();
    }

    private final ApplianceSource appliances;
    private final LifeboatConfig config;
    private final Clock clock;
    private final RunHistory history = new RunHistory();
    private final JobRunner runner = new JobRunner(history);
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final List<String> datastores;
    private final ServeMetrics metrics;
    private final Map<String, Boolean> staleAlerted = new HashMap<>();
    private final Instant startedAt;
    private volatile StoreFacts facts = StoreFacts.NONE;
    private StoreFacts followed;
    private HealthServer http;

    /** {@code config} is the configuration as read at start: it fixes the role, the schedules and the listener. */
    public Serve(ApplianceSource appliances, LifeboatConfig config, Clock clock) {
        this.appliances = appliances;
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.datastores = DatastoreKinds.configured(config).stream().map(c -> c.kind().name()).toList();
        this.metrics = new ServeMetrics(history, () -> facts, role() == Role.BACKUP ? List.of("backup") : List.of("restore"));
    }

    private Role role() {
        return Role.of(config);
    }

    /** The jobs this configuration schedules, by cron; the restore role's follow mode is scheduled apart. */
    public Map<NightlyJob, String> cronJobs() {
        ServeConfig serve = config.serve();
        Map<NightlyJob, String> jobs = new java.util.LinkedHashMap<>();
        if (role() == Role.RESTORE) {
            if (!off(serve.restoreCron())) {
                jobs.put(DrillJob.nightly(), serve.restoreCron());
            }
            return jobs;
        }
        List<String> rest = new ArrayList<>(datastores);
        for (Map.Entry<String, String> own : serve.datastoreCrons().entrySet()) {
            if (!datastores.contains(own.getKey())) {
                throw new ConfigException("lifeboat.serve.datastore-crons." + own.getKey() + ": datastore '" + own.getKey()
                        + "' is not configured (lifeboat.datastores." + own.getKey() + ")");
            }
            rest.remove(own.getKey());
            if (!off(own.getValue())) {
                jobs.put(new BackupJob(true, List.of(own.getKey())), own.getValue());
            }
        }
        if (!rest.isEmpty() && !off(serve.backupCron())) {
            jobs.put(new BackupJob(true, rest.size() == datastores.size() ? List.of() : rest), serve.backupCron());
        }
        return jobs;
    }

    private static boolean off(String cron) {
        return cron.isBlank() || cron.strip().equalsIgnoreCase("off");
    }

    /** Schedules every job and the watch on {@code scheduler}, and starts the HTTP listener if enabled. */
    public void start(Scheduler scheduler) throws IOException {
        ServeConfig serve = config.serve();
        String zone = serve.timeZone().getId();
        for (Map.Entry<NightlyJob, String> job : cronJobs().entrySet()) {
            String key = job.getKey() instanceof BackupJob b && !b.datastores().isEmpty()
                    ? "lifeboat.serve.datastore-crons." + b.datastores().get(0)
                    : role() == Role.BACKUP ? "lifeboat.serve.backup-cron" : "lifeboat.serve.restore-cron";
            schedule(scheduler, job.getKey().command(), key, d -> d.setCron(job.getValue()).setTimeZone(zone),
                    () -> {
                        runJob(job.getKey());
                    });
            LOG.infof("serve: '%s' on cron '%s' (%s)", job.getKey().command(), job.getValue(), zone);
        }
        if (role() == Role.RESTORE && serve.followEvery().isPresent()) {
            Duration every = serve.followEvery().get();
            schedule(scheduler, "follow", "lifeboat.serve.follow-every", d -> d.setInterval(every.toString()), this::follow);
            LOG.infof("serve: follow mode, polling for new sets every %s", every);
        }
        Duration watchEvery = watchEvery();
        schedule(scheduler, "watch", "lifeboat.alerts.stale-after", d -> d.setInterval(watchEvery.toString()), this::watch);
        if (serve.http().enabled()) {
            http = HealthServer.start(serve.http().host(), serve.http().port(), this::readiness, metrics::scrape);
        }
        watch();
    }

    private Duration watchEvery() {
        Duration shortest = config.alerts().staleAfter().compareTo(config.serve().readyMaxAge()) < 0 ? config.alerts().staleAfter()
                : config.serve().readyMaxAge();
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }

    private void schedule(Scheduler scheduler, String id, String key,
            java.util.function.UnaryOperator<Scheduler.JobDefinition<?>> timing, Runnable task) {
        try {
            Scheduler.JobDefinition<?> definition = timing.apply(scheduler.newJob("lifeboat " + id))
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP);
            definition.setTask(execution -> task.run());
            definition.schedule();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code job} after any job of this serve still running; a failure is logged and reported, never thrown. */
    boolean runJob(NightlyJob job) {
        if (oneAtATime.isLocked()) {
            LOG.infof("%s: waiting for the job still running", job.command());
        }
        oneAtATime.lock();
        Appliance opened;
        try {
            opened = appliances.open();
        } catch (RuntimeException e) {
            // the configuration file went wrong since serve started: nothing runs tonight, so say so loudly
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.errorf("%s: not run: %s", job.command(), why);
            Instant now = clock.instant();
            RunReport report = RunReport.failed(job.command(), job.verb(), now, now, why, List.of());
            history.record(report);
            new Alerts(config.alerts(), config.environment(), role().toString()).finished(report);
            oneAtATime.unlock();
            return false;
        }
        try (Appliance appliance = opened) {
            LOG.infof("%s: started by serve", job.command());
            RunReport report = runner.run(job, appliance, clock);
            LOG.infof("%s: succeeded in %.1f s%s", job.command(), report.duration().toMillis() / 1000.0,
                    report.set().map(s -> ", set " + s).orElse(""));
            readFacts(appliance);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.errorf("%s: failed: %s", job.command(), e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        } finally {
            oneAtATime.unlock();
            metrics.refresh();
        }
    }

    /** Follow mode: restores the newest sets as soon as a complete set appears that the last restore did not see. */
    void follow() {
        StoreFacts now;
        try (Appliance appliance = appliances.open()) {
            now = StoreFacts.read(appliance, clock.instant());
            facts = now;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("follow: unable to read the sets: %s", e.getMessage());
            return;
        }
        if (now.newestSet().isEmpty() || followed != null && followed.newestByDatastore().equals(now.newestByDatastore())) {
            return;
        }
        LOG.infof("follow: new complete set '%s', restoring", now.newestSet().get());
        if (runJob(DrillJob.nightly())) {
            followed = now; // after a failure, the next poll tries the same sets again
        }
    }

    /** Reads the backup server's facts and alerts, once per datastore until it recovers, when its newest complete set is stale. */
    void watch() {
        try (Appliance appliance = appliances.open()) {
            readFacts(appliance);
            Instant now = clock.instant();
            Duration limit = config.alerts().staleAfter();
            Alerts alerts = new Alerts(config.alerts(), config.environment(), role().toString());
            for (String datastore : datastores) {
                Instant newest = facts.newestByDatastore().get(datastore);
                boolean stale = newest == null ? history.last(role() == Role.BACKUP ? "backup" : "restore").isPresent()
                        || Duration.between(startedAt, now).compareTo(limit) > 0 : newest.plus(limit).isBefore(now);
                if (stale && !staleAlerted.getOrDefault(datastore, false)) {
                    staleAlerted.put(datastore, true);
                    alerts.stale(appliance.setsEnvironment(), facts.newestSet().orElse(null), newest,
                            "no complete set of '" + datastore + "' in '" + appliance.setsEnvironment() + "' since "
                                    + (newest == null ? "ever" : newest.toString()) + " (lifeboat.alerts.stale-after " + limit + ")");
                } else if (!stale) {
                    staleAlerted.remove(datastore);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("watch: unable to read the sets: %s", e.getMessage());
        }
        metrics.refresh();
    }

    private void readFacts(Appliance appliance) throws IOException {
        facts = StoreFacts.read(appliance, clock.instant());
    }

    /** The readiness checks, now. */
    List<Health.Check> readiness() {
        try {
            return Health.readiness(role(), datastores, history, facts, config.serve().readyMaxAge(), clock.instant());
        } catch (RuntimeException e) {
            return List.of(new Health.Check("readiness", false, e.toString()));
        }
    }

    /** The HTTP port, once started (0 asks for any free one). */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }
}
