package org.lifeboat.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.ConfigException;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.rebuild.PostRestoreSteps;
import org.lifeboat.rebuild.RestoreStep;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.rebuild.StepRunner;
import org.lifeboat.report.DrillReport;
import org.lifeboat.report.ReportJson;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.store.AtomicWrite;

/**
 * The restore drill, and with the same code the disaster recovery: choose the sets (for a drill,
 * the newest, which must be fresher than {@code lifeboat.restore.drill.max-age}), restore every
 * datastore all or nothing ({@link RestoreRun}: each loaded and checked beside the live data
 * before any is replaced), run the post-restore steps before anything is committed, and write the
 * report: to the local report folder and to the backup server's {@code <source>/reports/}. A
 * failed drill writes its report too.
 */
public final class DrillRun {

    private static final Logger LOG = Logger.getLogger(DrillRun.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The folder of an environment's drill reports on the backup server, beside its sets. */
    public static final String REPORTS_FOLDER = "reports";

    private final Appliance appliance;
    private final Clock clock;

    public DrillRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** The nightly drill: the newest sets, refused when older than the configured maximum age. */
    public DrillReport drill() throws IOException {
        return run(DrillReport.DRILL, "latest", Optional.empty(), Optional.of(drillSettings().maxAge()));
    }

    /** A disaster recovery from the sets {@code selector} chooses, to {@code pointInTime} if given. */
    public DrillReport recover(String selector, Optional<PointInTime> pointInTime) throws IOException {
        return run(DrillReport.DISASTER_RECOVERY, selector, pointInTime, Optional.empty());
    }

    private DrillReport run(String kind, String selector, Optional<PointInTime> pointInTime, Optional<Duration> maxAge)
            throws IOException {
        appliance.requireRole(Role.RESTORE, kind);
        LifeboatConfig config = appliance.config();
        List<RestoreStep> steps = new PostRestoreSteps(config.datastores().postgres(), config.datastores().mongo())
                .build(config.restore().orElseThrow().postRestore().orElse(List.of()));
        Instant started = clock.instant();
        RestoreRun restore = new RestoreRun(appliance, clock);
        List<String> sets = List.of();
        Optional<Instant> taken = Optional.empty();
        List<StepResult> stepResults = new ArrayList<>();
        List<DrillReport.DatastoreLine> lines = List.of();
        Optional<String> error = Optional.empty();
        try {
            RestorePlan plan = restore.plan(selector, List.of(), pointInTime);
            sets = plan.sets();
            taken = Optional.of(plan.dataTakenAt());
            if (maxAge.isPresent() && Duration.between(plan.dataTakenAt(), started).compareTo(maxAge.get()) > 0) {
                throw new RunFailedException("no fresh backup since " + plan.dataTakenAt() + ": the newest set of "
                        + appliance.setsEnvironment() + " (" + String.join("+", sets) + ") is older than lifeboat.restore.drill.max-age "
                        + maxAge.get() + "; nothing was restored");
            }
            RestoreRun.Result result = restore.run(plan, () -> {
                for (RestoreStep step : steps) {
                    StepResult done = StepRunner.run(step);
                    stepResults.add(done);
                    LOG.infof("post-restore step %s: %s in %.1f s", done.name(), done.ok() ? "ok" : "FAILED",
                            done.duration().toMillis() / 1000.0);
                    if (!done.ok()) {
                        break;
                    }
                }
                return List.copyOf(stepResults);
            });
            lines = result.datastores().stream().map(d -> new DrillReport.DatastoreLine(d.datastore(), d.set(), d.loadTime(),
                    d.plainBytes(), d.counts())).toList();
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            error = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.errorf("%s failed: %s", kind, error.get());
        }
        DrillReport report = new DrillReport(kind, config.environment(), appliance.setsEnvironment(), sets, taken, started,
                clock.instant(), lines, stepResults, error.isEmpty(), error);
        write(report);
        return report;
    }

    private LifeboatConfig.Drill drillSettings() {
        return appliance.config().restore().orElseThrow().drill().orElse(new LifeboatConfig.Drill() {
            @Override
            public Optional<Duration> maxAgeSetting() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> reportDirSetting() {
                return Optional.empty();
            }
        });
    }

    /** The report's file name: when it ended, where, what. */
    static String fileName(DrillReport report) {
        return STAMP.format(report.finished()) + "-" + report.environment() + "-" + report.kind() + ".json";
    }

    /** Writes the report locally and to the backup server; fails, after trying both, if either could not be written. */
    private void write(DrillReport report) throws IOException {
        byte[] json = ReportJson.bytes(report);
        String name = fileName(report);
        List<String> failures = new ArrayList<>();
        Path dir = drillSettings().reportDir();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + name, ".tmp");
            Files.write(temp, json);
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("%s report written to %s", report.kind(), dir.resolve(name));
        } catch (IOException e) {
            failures.add("to '" + dir.resolve(name) + "': " + e.getMessage());
        }
        String folder = reportsFolder(appliance.setsEnvironment());
        try {
            appliance.store().makeFolders(folder);
            try (AtomicWrite out = appliance.store().write(folder + "/" + name)) {
                out.write(json);
                out.commit();
            }
            LOG.infof("%s report written to %s:%s/%s", report.kind(), appliance.store().describe(), folder, name);
        } catch (IOException e) {
            failures.add("to the backup server " + appliance.store().describe() + " '" + folder + "/" + name + "': " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new RunFailedException("the " + report.kind() + " " + (report.passed() ? "passed" : "failed ("
                    + report.error().orElse("") + ")") + " but its report could not be written " + String.join("; ", failures));
        }
    }

    /** {@code <environment>/reports} on the store: where the drills of {@code environment}'s sets report. */
    static String reportsFolder(String environment) {
        return new SetLayout(environment).environmentFolder() + "/" + REPORTS_FOLDER;
    }
}
