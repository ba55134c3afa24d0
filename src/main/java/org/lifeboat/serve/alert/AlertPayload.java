package org.lifeboat.serve.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.lifeboat.serve.RunReport;

/** The JSON a webhook gets: what happened, where, to which set and datastores, how long it took, and why it failed. */
public final class AlertPayload {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertPayload() {
    }

    /** {@code event} is {@code failure} or {@code success}. */
    public static String of(String event, String environment, String role, RunReport report) {
        ObjectNode node = base(event, environment, role);
        node.put("command", report.command()).put("verb", report.verb());
        node.put("set", report.set().orElse(null));
        node.put("started", report.started().toString()).put("finished", report.finished().toString());
        node.put("durationSeconds", report.duration().toMillis() / 1000.0);
        node.put("error", report.error().orElse(null));
        ArrayNode datastores = node.putArray("datastores");
        for (RunReport.DatastoreReport d : report.datastores()) {
            datastores.addObject().put("name", d.name()).put("ok", d.ok()).put("durationSeconds", d.duration().toMillis() / 1000.0)
                    .put("plainBytes", d.plainBytes()).put("storedBytes", d.storedBytes());
        }
        report.timeToRecover().ifPresent(t -> node.put("timeToRecoverSeconds", t.toMillis() / 1000.0));
        report.dataTakenAt().ifPresent(t -> node.put("dataTakenAt", t.toString()));
        return node.toString();
    }

    /** The "no complete set since" alert: {@code newest} is the newest complete set's start, if there is one. */
    public static String stale(String environment, String role, String setsEnvironment, String newestSet, Instant newest,
            String message) {
        ObjectNode node = base("stale", environment, role);
        node.put("setsEnvironment", setsEnvironment).put("set", newestSet).put("newestSetStarted", newest == null ? null
                : newest.toString());
        node.put("error", message);
        return node.toString();
    }

    private static ObjectNode base(String event, String environment, String role) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event", event).put("environment", environment).put("role", role).put("host", Hosts.name());
        return node;
    }
}
