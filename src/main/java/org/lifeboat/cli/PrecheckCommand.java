package org.lifeboat.cli;

import java.time.Clock;
import java.util.List;
import org.lifeboat.datastore.Check;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.Precheck;
import picocli.CommandLine.Command;

@Command(name = "precheck", mixinStandardHelpOptions = true,
        description = "Check keys, the backup server and every datastore; exit 1 if anything fails, 2 if the configuration is wrong.")
final class PrecheckCommand extends ConfiguredCommand {

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        List<Check> checks = new Precheck(appliance).run();
        System.out.print(Precheck.table(checks));
        if (checks.stream().anyMatch(Check::misconfigured)) {
            return ExitCodes.USAGE;
        }
        return checks.stream().allMatch(Check::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
