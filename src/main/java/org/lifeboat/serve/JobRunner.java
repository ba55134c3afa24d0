package org.lifeboat.serve;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.RunFailedException;
import org.lifeboat.run.lock.RunLock;
import org.lifeboat.serve.alert.Alerts;

/**
 * Runs a job the same way for a one-shot command and for {@code serve}: under the environment's
 * lock, with the dead man's switch pinged around it, the webhook told of a failure, and the report
 * kept in {@code history}.
 */
public final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final RunHistory history;

    /** {@code history} gets every report; a one-shot command passes a fresh one. */
    public JobRunner(RunHistory history) {
        this.history = history;
    }

    /**
     * Runs {@code job} on {@code appliance}.
     *
     * @return its report when it succeeded
     * @throws IOException the job's own failure (or the lock's refusal), after it was reported
     */
    public RunReport run(NightlyJob job, Appliance appliance, Clock clock) throws IOException {
        appliance.requireRole(job.role(), job.verb());
        Alerts alerts = new Alerts(appliance.config().alerts(), appliance.config().environment(), appliance.role().toString());
        Instant started = clock.instant();
        alerts.started();
        RunReport report;
        try (RunLock lock = RunLock.acquire(appliance, job.command(), clock)) {
            report = job.run(appliance, clock);
        } catch (IOException | RuntimeException e) {
            List<String> failed = e instanceof RunFailedException f ? f.datastores() : List.of();
            RunReport failure = RunReport.failed(job.command(), job.verb(), started, clock.instant(),
                    e.getMessage() == null ? e.toString() : e.getMessage(), failed);
            history.record(failure);
            alerts.finished(failure);
            throw e;
        }
        history.record(report);
        alerts.finished(report);
        LOG.debugf("%s: done in %s", job.command(), report.duration());
        return report;
    }
}
