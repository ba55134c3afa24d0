package org.lifeboat.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.app.Appliance;
import picocli.CommandLine.Option;

/** A command that reads the configuration: {@code --config FILE} or {@code LIFEBOAT_CONFIG}. */
abstract class ConfiguredCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "the configuration file (default: the file named by LIFEBOAT_CONFIG)")
    Path config;

    @Option(names = "--debug", description = "log Lifeboat's debug lines, with the stack trace of every failure")
    boolean debug;

    /** Set by the command factory. */
    Map<String, String> env = Map.of();

    @Override
    public final Integer call() throws Exception {
        if (debug) {
            java.util.logging.Logger.getLogger("org.lifeboat").setLevel(java.util.logging.Level.FINE);
        }
        try (Appliance appliance = new Appliance(ConfigLoader.load(ConfigLoader.locate(config, env), env), env)) {
            return run(appliance, Clock.systemUTC());
        }
    }

    /** Runs the command; returns the exit code. */
    abstract int run(Appliance appliance, Clock clock) throws Exception;
}
