package org.lifeboat.deploy;

import org.lifeboat.cli.LifeboatCommand;

/**
 * The command line without Quarkus start-up, for scripts under test that run the launcher
 * ({@code LIFEBOAT=...}): {@code mvn test} does not build the packaged application they would
 * otherwise need.
 */
public final class LifeboatCli {

    private LifeboatCli() {
    }

    public static void main(String[] args) {
        System.exit(LifeboatCommand.execute(args, System.getenv()));
    }
}
