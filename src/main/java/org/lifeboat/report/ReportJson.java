package org.lifeboat.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lifeboat.rebuild.StepResult;

/**
 * A drill report's JSON form, the one place that writes and reads it. Durations are in seconds
 * (decimal), instants ISO-8601 UTC, so that any tool can chart the recovery time and data age.
 */
public final class ReportJson {

    /** The value of {@code format}; a reader refuses another. */
    public static final String FORMAT = "lifeboat-drill-report/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as JSON bytes. */
    public static byte[] bytes(DrillReport report) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", report.kind());
        root.put("environment", report.environment());
        root.put("sourceEnvironment", report.sourceEnvironment());
        root.put("outcome", report.passed() ? "passed" : "failed");
        report.error().ifPresent(e -> root.put("error", e));
        ArrayNode sets = root.putArray("sets");
        report.sets().forEach(sets::add);
        report.dataTakenAt().ifPresent(t -> root.put("dataTakenAt", t.toString()));
        root.put("started", report.started().toString());
        root.put("finished", report.finished().toString());
        report.dataAge().ifPresent(age -> root.put("dataAgeSeconds", seconds(age)));
        root.put("timeToRecoverSeconds", seconds(report.duration()));
        ArrayNode datastores = root.putArray("datastores");
        for (DrillReport.DatastoreLine line : report.datastores()) {
            ObjectNode node = datastores.addObject();
            node.put("datastore", line.datastore());
            node.put("set", line.set());
            node.put("restoreSeconds", seconds(line.restoreTime()));
            node.put("plainBytes", line.plainBytes());
            ObjectNode checked = node.putObject("checked");
            new TreeMap<>(line.checked()).forEach((scope, counts) -> {
                ObjectNode byName = checked.putObject(scope);
                new TreeMap<>(counts).forEach(byName::put);
            });
        }
        ArrayNode steps = root.putArray("steps");
        for (StepResult step : report.steps()) {
            ObjectNode node = steps.addObject();
            node.put("name", step.name());
            node.put("ok", step.ok());
            node.put("seconds", seconds(step.duration()));
            ArrayNode details = node.putArray("details");
            step.details().forEach(details::add);
        }
        return MAPPER.writeValueAsBytes(root);
    }

    /** Reads a report written by {@link #bytes(DrillReport)}; {@code origin} names it in errors. */
    public static DrillReport read(byte[] bytes, String origin) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("report '" + origin + "' is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("report '" + origin + "' is not a " + FORMAT + " report");
        }
        try {
            List<String> sets = new ArrayList<>();
            root.path("sets").forEach(s -> sets.add(s.asText()));
            List<DrillReport.DatastoreLine> datastores = new ArrayList<>();
            for (JsonNode node : root.path("datastores")) {
                Map<String, Map<String, Long>> checked = new LinkedHashMap<>();
                node.path("checked").fields().forEachRemaining(kind -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    kind.getValue().fields().forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asLong()));
                    checked.put(kind.getKey(), counts);
                });
                datastores.add(new DrillReport.DatastoreLine(node.path("datastore").asText(), node.path("set").asText(),
                        duration(node.path("restoreSeconds")), node.path("plainBytes").asLong(), checked));
            }
            List<StepResult> steps = new ArrayList<>();
            for (JsonNode node : root.path("steps")) {
                List<String> details = new ArrayList<>();
                node.path("details").forEach(d -> details.add(d.asText()));
                steps.add(new StepResult(node.path("name").asText(), node.path("ok").asBoolean(), details,
                        duration(node.path("seconds"))));
            }
            return new DrillReport(root.path("kind").asText(), root.path("environment").asText(),
                    root.path("sourceEnvironment").asText(), sets, optional(root, "dataTakenAt").map(Instant::parse),
                    Instant.parse(root.path("started").asText()), Instant.parse(root.path("finished").asText()), datastores,
                    steps, "passed".equals(root.path("outcome").asText()), optional(root, "error"));
        } catch (RuntimeException e) {
            throw new IOException("report '" + origin + "' is not valid: " + e.getMessage(), e);
        }
    }

    private static Optional<String> optional(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Duration duration(JsonNode seconds) {
        return Duration.ofMillis(Math.round(seconds.asDouble() * 1000));
    }
}
