package org.lifeboat.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.run.PruneRun;

/** {@code prune} ({@code --dry-run}): {@link PruneRun}, its decisions printed to {@code out}. */
public record PruneJob(boolean dryRun, PrintStream out) implements NightlyJob {

    @Override
    public String command() {
        return dryRun ? "prune --dry-run" : "prune";
    }

    @Override
    public Role role() {
        return Role.BACKUP;
    }

    @Override
    public String verb() {
        return "prune";
    }

    @Override
    public RunReport run(Appliance appliance, Clock clock) throws IOException {
        Instant started = clock.instant();
        new PruneRun(appliance, clock).run(dryRun, out);
        return new RunReport(command(), verb(), started, clock.instant(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
