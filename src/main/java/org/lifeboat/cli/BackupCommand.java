package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.BackupRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up every datastore into a new set (backup role). Runs precheck first and prune after.")
final class BackupCommand extends ConfiguredCommand {

    @Option(names = "--skip-precheck", description = "do not run precheck first")
    boolean skipPrecheck;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        String set = new BackupRun(appliance, clock).run(!skipPrecheck);
        System.out.println("backup complete: set " + set);
        return ExitCodes.OK;
    }
}
