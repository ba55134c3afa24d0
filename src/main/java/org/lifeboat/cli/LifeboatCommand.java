package org.lifeboat.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.lifeboat.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lifeboat}: the top command; its subcommands are the verbs. */
@Command(name = "lifeboat", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Streamed, encrypted, verified backups to an SSH backup server.",
        subcommands = {BackupCommand.class, RestoreCommand.class, ListCommand.class, VerifyCommand.class, PruneCommand.class,
                PrecheckCommand.class, KeygenCommand.class, DecryptCommand.class, DrillCommand.class,
                ReportsCommand.class, SealCommand.class, ServeCommand.class,
                BenchmarkCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class LifeboatCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    /** Runs the command line {@code args} with environment {@code env}; returns the exit code. */
    public static int execute(String[] args, Map<String, String> env) {
        return execute(args, env, new PrintWriter(System.err, true));
    }

    /** As {@link #execute(String[], Map)}, with error lines going to {@code err}. */
    public static int execute(String[] args, Map<String, String> env, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LifeboatCommand(), new CommandFactory(env));
        commandLine.setExecutionExceptionHandler(LifeboatCommand::handle);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** One line on stderr: configuration problems exit 2, everything else 1. */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        err.println("lifeboat " + commandLine.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        err.flush();
        return e instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /** Gives every command the process environment, so tests can pass their own. */
    private record CommandFactory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K instance = CommandLine.defaultFactory().create(type);
            if (instance instanceof ConfiguredCommand configured) {
                configured.env = env;
            }
            return instance;
        }
    }
}
