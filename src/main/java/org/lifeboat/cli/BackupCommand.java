package org.lifeboat.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.app.Appliance;
import org.lifeboat.serve.BackupJob;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.RunHistory;
import org.lifeboat.serve.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up every datastore into a new set (backup role). Runs precheck first (and prune after it only with prune-after-backup: retention runs on the backup server).")
final class BackupCommand extends ConfiguredCommand {

    @Option(names = "--skip-precheck", description = "do not run precheck first")
    boolean skipPrecheck;

    @Option(names = "--datastore", paramLabel = "NAME",
            description = "back up only this datastore (repeatable): the set holds only these; a restore of latest takes, per"
                    + " datastore, the newest complete set that holds it")
    List<String> datastores = new ArrayList<>();

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        RunReport report = new JobRunner(new RunHistory()).run(new BackupJob(!skipPrecheck, datastores), appliance, clock);
        System.out.println("backup complete: set " + report.set().orElseThrow());
        return ExitCodes.OK;
    }
}
