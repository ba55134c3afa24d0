package org.lifeboat.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.retention.RetentionPolicy.State;

/** Prints this environment's sets: name, status, size, datastores, age. */
public final class ListRun {

    private final Appliance appliance;
    private final Clock clock;

    public ListRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** Prints the table and returns how many complete sets there are. */
    public int run(PrintStream out) throws IOException {
        SetLayout layout = new SetLayout(appliance.setsEnvironment());
        SetCatalog catalog = appliance.catalog();
        List<SetCatalog.SetInfo> sets = catalog.sets();
        out.printf("sets of '%s' on %s%n", layout.environmentFolder(), appliance.store().describe());
        out.printf("%-20s  %-11s  %10s  %-24s  %s%n", "SET", "STATUS", "SIZE", "DATASTORES", "AGE");
        int complete = 0;
        for (SetCatalog.SetInfo set : sets) {
            String size = "-";
            String datastores = "-";
            java.time.Instant started = set.started();
            if (set.manifest().isPresent()) {
                Manifest manifest = set.manifest().get();
                started = manifest.started();
                size = Sizes.bytes(manifest.storedBytes());
                datastores = manifest.datastores().stream().map(DatastoreRecord::name).collect(Collectors.joining(","));
            }
            if (set.state() == State.COMPLETE) {
                complete++;
            }
            out.printf("%-20s  %-11s  %10s  %-24s  %s%s%n", set.name(), set.state().label(), size, datastores,
                    age(Duration.between(started, clock.instant())), set.problem().map(p -> "  (" + p + ")").orElse(""));
        }
        return complete;
    }

    private static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d " + age.toHoursPart() + "h";
        }
        return age.toHours() + "h " + age.toMinutesPart() + "m";
    }
}
