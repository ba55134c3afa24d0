package org.lifeboat.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.retention.RetentionPolicy.State;

/** Prints this environment's sets: name, status, size, datastores, age. */
public final class ListRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Appliance appliance;
    private final Clock clock;

    public ListRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /**
     * One set as listed.
     *
     * @param name the set's name
     * @param status {@code complete}, {@code unfinished}, {@code damaged}, … ({@link State#label()})
     * @param storedBytes its size on the store, if its manifest could be read
     * @param datastores the datastores it holds, if its manifest could be read
     * @param started when its run started
     * @param age how old it is now
     * @param problem why it is not complete, if it is not
     */
    public record Row(String name, String status, Optional<Long> storedBytes, List<String> datastores, Instant started,
            Duration age, Optional<String> problem) {
    }

    /** Every set of this environment, oldest first. */
    public List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SetCatalog.SetInfo set : appliance.catalog().sets()) {
            Optional<Manifest> manifest = set.manifest();
            Instant started = manifest.map(Manifest::started).orElse(set.started());
            rows.add(new Row(set.name(), set.state().label(), manifest.map(Manifest::storedBytes),
                    manifest.map(m -> m.datastores().stream().map(DatastoreRecord::name).toList()).orElse(List.of()), started,
                    Duration.between(started, clock.instant()), set.problem()));
        }
        return rows;
    }

    /** Prints the table and returns how many complete sets there are. */
    public int run(PrintStream out) throws IOException {
        SetLayout layout = new SetLayout(appliance.setsEnvironment());
        List<Row> rows = rows();
        out.printf("sets of '%s' on %s%n", layout.environmentFolder(), appliance.store().describe());
        out.printf("%-20s  %-11s  %10s  %-24s  %s%n", "SET", "STATUS", "SIZE", "DATASTORES", "AGE");
        for (Row row : rows) {
            out.printf("%-20s  %-11s  %10s  %-24s  %s%s%n", row.name(), row.status(), row.storedBytes().map(Sizes::bytes).orElse("-"),
                    row.datastores().isEmpty() ? "-" : String.join(",", row.datastores()), age(row.age()),
                    row.problem().map(p -> "  (" + p + ")").orElse(""));
        }
        return (int) rows.stream().filter(r -> r.status().equals(State.COMPLETE.label())).count();
    }

    /** Prints the sets as one JSON array, for machines; returns how many complete sets there are. */
    public int runJson(PrintStream out) throws IOException {
        List<Row> rows = rows();
        ArrayNode array = JSON.createArrayNode();
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("set", row.name());
            node.put("status", row.status());
            row.storedBytes().ifPresent(b -> node.put("storedBytes", b));
            ArrayNode datastores = node.putArray("datastores");
            row.datastores().forEach(datastores::add);
            node.put("started", row.started().toString());
            node.put("ageSeconds", row.age().toSeconds());
            row.problem().ifPresent(p -> node.put("problem", p));
        }
        out.println(JSON.writeValueAsString(array));
        return (int) rows.stream().filter(r -> r.status().equals(State.COMPLETE.label())).count();
    }

    private static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d " + age.toHoursPart() + "h";
        }
        return age.toHours() + "h " + age.toMinutesPart() + "m";
    }
}
