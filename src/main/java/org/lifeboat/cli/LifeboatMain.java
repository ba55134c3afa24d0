package org.lifeboat.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The program's entry point: runs the command line and exits with its code. */
@QuarkusMain
public class LifeboatMain implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(LifeboatMain.class, args);
    }

    @Override
    public int run(String... args) {
        return LifeboatCommand.execute(args, System.getenv());
    }
}
