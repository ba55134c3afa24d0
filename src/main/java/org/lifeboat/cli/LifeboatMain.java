package org.lifeboat.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.Set;

/**
 * The program's entry point: runs the command line and exits with its code. A call that only asks
 * for the version or for help is answered by the command line alone, before Quarkus starts (its
 * boot is most of a short command's time and neither answer needs it: no configuration is read,
 * nothing is logged, no datastore is touched).
 */
@QuarkusMain
public class LifeboatMain implements QuarkusApplication {

    private static final Set<String> ANSWERED_WITHOUT_BOOT = Set.of("--version", "-V", "--help", "-h");

    public static void main(String... args) {
        if (onlyAsksForHelpOrVersion(args)) {
            System.exit(LifeboatCommand.execute(args, System.getenv()));
        }
        Quarkus.run(LifeboatMain.class, args);
    }

    @Override
    public int run(String... args) {
        return LifeboatCommand.execute(args, System.getenv());
    }

    /** {@code --version}, {@code --help} or {@code <command> --help}, and nothing else. */
    static boolean onlyAsksForHelpOrVersion(String... args) {
        List<String> words = List.of(args);
        return !words.isEmpty() && words.size() <= 2 && ANSWERED_WITHOUT_BOOT.contains(words.get(words.size() - 1));
    }
}
