package org.lifeboat.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lifeboat.config.Role;

/**
 * Liveness and readiness, as JSON in SmallRye Health's shape ({@code {"status":"UP","checks":[...]}}),
 * so probes and dashboards made for Quarkus services read it unchanged.
 *
 * <p>Ready means: the last run of every job succeeded, and in the backup role every datastore has a
 * complete set younger than {@code lifeboat.serve.ready-max-age}; in the restore role the newest
 * successful restore is younger than that. Before the first restore of a new {@code serve}, the
 * restore role is not ready: nothing says this staging holds recent data.
 */
public final class Health {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One check's outcome. */
    public record Check(String name, boolean up, String detail) {
    }

    private Health() {
    }

    /** The readiness checks. */
    public static List<Check> readiness(Role role, List<String> datastores, RunHistory history, StoreFacts facts, Duration maxAge,
            Instant now) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, RunReport> last : history.lastByCommand().entrySet()) {
            RunReport report = last.getValue();
            checks.add(new Check("last run: " + last.getKey(), report.ok(), report.ok()
                    ? "succeeded " + report.finished() : "failed " + report.finished() + ": " + report.error().orElse("")));
        }
        if (role == Role.BACKUP) {
            for (String datastore : datastores) {
                Instant newest = facts.newestByDatastore().get(datastore);
                checks.add(newest == null
                        ? new Check("newest complete set: " + datastore, false, "no complete set holds it")
                        : new Check("newest complete set: " + datastore, !newest.plus(maxAge).isBefore(now),
                                "started " + newest + ", " + Duration.between(newest, now).toMinutes() + " min ago (max " + maxAge + ")"));
            }
        } else {
            checks.add(history.lastRestoreSuccess()
                    .map(r -> new Check("newest successful restore", !r.finished().plus(maxAge).isBefore(now), "set " + r.set().orElse("?")
                            + ", finished " + r.finished() + " (max age " + maxAge + ")"))
                    .orElse(new Check("newest successful restore", false, "no restore has succeeded since serve started")));
        }
        return checks;
    }

    /** The checks as SmallRye Health JSON; up only when every check is. */
    public static String json(String name, List<Check> checks) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", up(checks) ? "UP" : "DOWN");
        ArrayNode array = root.putArray("checks");
        for (Check check : checks) {
            ObjectNode node = array.addObject().put("name", name + ": " + check.name()).put("status", check.up() ? "UP" : "DOWN");
            node.putObject("data").put("detail", check.detail());
        }
        return root.toString();
    }

    public static boolean up(List<Check> checks) {
        return checks.stream().allMatch(Check::up);
    }
}
