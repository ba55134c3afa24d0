package org.lifeboat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.testing.BackupServerAccounts;
import org.lifeboat.testing.LocalSets;

/**
 * The sets of one environment as they stand on a backup server after some nights: genuine sets
 * of the last days (sealed on their day; today's just published by production and not yet
 * sealed), a set signed by another key and one without a signature (placed, and sealed, by
 * someone who got onto the server), a genuinely signed set named for an earlier day than it was
 * published (what a stolen production key could make), a stale unfinished set and a precheck
 * probe of production's.
 */
final class ServerPruneCase {

    static final Duration END_OF_DAY = Duration.ofHours(23).plusMinutes(59).plusSeconds(59);

    private final BackupServerAccounts server;
    private final String environment;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final SetSeal seal;

    ServerPruneCase(BackupServerAccounts server, String environment) throws IOException {
        this.server = server;
        this.environment = environment;
        this.seal = new SetSeal(BackupServerAccounts.KEEPER, BackupServerAccounts.OTHER_WRITER);
    }

    /** The day {@code back} days ago, as a set name. */
    String day(int back) {
        return today.minusDays(back).toString();
    }

    Instant start(int back) {
        return today.minusDays(back).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Writes the case; returns the folder names of: forged, unsigned, backdated. */
    String[] write() throws IOException {
        LocalSets genuine = new LocalSets(server.keys(), server.root());
        for (int back = 5; back >= 0; back--) {
            String name = genuine.publish(environment, start(back));
            if (back > 0) {
                seal.sealSet(folder(name)); // sealed on its day
            } else {
                handTo(folder(name), BackupServerAccounts.OTHER_WRITER); // production published it just now
            }
        }
        Path forgerKeys = server.work().resolve("forger-keys");
        KeyFiles.generate(forgerKeys);
        String forged = new LocalSets(forgerKeys, server.root()).publish(environment, start(1).plus(END_OF_DAY));
        seal.sealSet(folder(forged));
        String unsigned = genuine.publish(environment, start(2).plus(END_OF_DAY));
        Files.delete(folder(unsigned).resolve(SetLayout.SIGNATURE));
        seal.sealSet(folder(unsigned));
        String backdated = genuine.publish(environment, start(3).plus(END_OF_DAY));
        handTo(folder(backdated), BackupServerAccounts.OTHER_WRITER);

        Path partial = folder(day(6) + SetLayout.PARTIAL_SUFFIX);
        Files.createDirectories(partial.resolve("postgres"));
        Files.writeString(partial.resolve("postgres/half.dump.zst.age"), "half");
        handTo(partial, BackupServerAccounts.OTHER_WRITER);
        Path probe = folder(ServerPrune.PROBE_PREFIX + "0c0ffee");
        Files.writeString(probe, "lifeboat precheck\n");
        handTo(probe, BackupServerAccounts.OTHER_WRITER);
        return new String[] {forged, unsigned, backdated};
    }

    Path folder(String name) {
        return server.environment(environment).resolve(name);
    }

    private static void handTo(Path path, String user) throws IOException {
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.toList()) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setOwner(owner);
            }
        }
    }
}
