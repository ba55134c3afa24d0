package org.lifeboat.process;

import java.util.List;
import java.util.Map;

/**
 * An external tool to run.
 *
 * @param description what it is, for messages, for example {@code "pg_dump of 'app' on 127.0.0.1:5432"}
 * @param argv the program and its arguments; never a secret
 * @param environment variables added to the inherited environment; where secrets go
 * @param discardStdout true when nothing reads stdout
 */
public record ToolCommand(String description, List<String> argv, Map<String, String> environment, boolean discardStdout) {

    public ToolCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** A command whose stdout the caller reads. */
    public static ToolCommand of(String description, List<String> argv, Map<String, String> environment) {
        return new ToolCommand(description, argv, environment, false);
    }
}
