package org.lifeboat.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.util.List;
import org.lifeboat.datastore.Check;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.Precheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "precheck", mixinStandardHelpOptions = true,
        description = "Check keys, the backup server and every datastore; exit 1 if anything fails, 2 if the configuration is wrong.")
final class PrecheckCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "print the checks as a JSON array (subject, ok, misconfigured, detail)")
    boolean json;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        List<Check> checks = new Precheck(appliance).run();
        System.out.print(json ? json(checks) : Precheck.table(checks));
        if (checks.stream().anyMatch(Check::misconfigured)) {
            return ExitCodes.USAGE;
        }
        return checks.stream().allMatch(Check::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The checks as one JSON array, for machines. */
    private static String json(List<Check> checks) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Check check : checks) {
            array.addObject().put("subject", check.subject()).put("ok", check.ok()).put("misconfigured", check.misconfigured())
                    .put("detail", check.detail());
        }
        return mapper.writeValueAsString(array) + System.lineSeparator();
    }
}
