package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.server.SealRun;
import picocli.CommandLine.Command;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Hand every newly published set and mirror body to the keeper, read-only (server role).")
final class SealCommand extends ConfiguredCommand {

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new SealRun(appliance).run(System.out);
        return ExitCodes.OK;
    }
}
