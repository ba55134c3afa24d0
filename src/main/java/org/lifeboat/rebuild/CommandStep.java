package org.lifeboat.rebuild;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * A program run after a restore (re-create application roles with staging's passwords, purge a
 * cache, reset a site identifier). No shell; secrets reach it through environment variables read
 * from files, never its argv. Exit 0 passes; any other code fails the step with its stderr's end.
 */
final class CommandStep extends NamedStep {

    private final PostRestoreConfig.Command command;

    CommandStep(String name, PostRestoreConfig.Command command) {
        super(name);
        this.command = command;
    }

    @Override
    public StepResult run() throws IOException {
        long start = System.nanoTime();
        Map<String, String> environment = new HashMap<>(command.environment());
        for (Map.Entry<String, java.nio.file.Path> secret : command.environmentFiles().entrySet()) {
            environment.put(secret.getKey(), SecretFiles.firstLine(secret.getValue()));
        }
        String program = command.run().get(0);
        ToolCommand tool = new ToolCommand("post-restore command '" + program + "'", command.run(), environment, true);
        int code;
        String stderr;
        try (ExternalProcess process = ExternalProcess.start(tool)) {
            process.stdin().close();
            code = process.await();
            stderr = process.stderrSuffix();
        }
        String line = "'" + program + "' exited with " + code;
        return code == 0 ? result(true, List.of(line), start) : result(false, List.of(line + stderr), start);
    }
}
