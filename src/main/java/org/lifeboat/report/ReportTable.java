package org.lifeboat.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeboat.Sizes;
import org.lifeboat.rebuild.StepResult;

/** A drill report, and a list of them, as text for a terminal or a log. */
public final class ReportTable {

    /** Items of one scope shown before the rest are counted ("... and 12 more"). */
    private static final int ITEMS_SHOWN = 6;

    private ReportTable() {
    }

    /** The whole report, one fact per line. */
    public static String of(DrillReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.kind().toUpperCase(java.util.Locale.ROOT)).append(' ').append(report.passed() ? "PASSED" : "FAILED")
                .append(": ").append(report.sourceEnvironment()).append("'s set ").append(report.set()).append(" into ")
                .append(report.environment()).append('\n');
        out.append("  data taken:       ").append(report.dataTakenAt().map(Object::toString).orElse("-"))
                .append(report.dataAge().map(age -> ", " + age(age) + " old at the start (RPO)").orElse("")).append('\n');
        out.append("  time to recover:  ").append(seconds(report.duration())).append(report.passed() ? " (RTO)" : "")
                .append(", started ").append(report.started()).append('\n');
        report.error().ifPresent(e -> out.append("  error:            ").append(e).append('\n'));
        for (DrillReport.DatastoreLine line : report.datastores()) {
            out.append("  datastore ").append(line.datastore()).append(": set ").append(line.set()).append(", ")
                    .append(seconds(line.restoreTime())).append(", ").append(Sizes.bytes(line.plainBytes()))
                    .append(", checked against the manifest, expected = found:\n");
            new TreeMap<>(line.checked()).forEach((scope, counts) -> out.append("      ").append(scope).append(": ")
                    .append(counts.isEmpty() ? "empty (nothing to count)" : items(new TreeMap<>(counts))).append('\n'));
        }
        for (StepResult step : report.steps()) {
            out.append("  step ").append(step.name()).append(": ").append(step.ok() ? "ok" : "FAILED").append(", ")
                    .append(seconds(step.duration())).append('\n');
            step.details().forEach(d -> out.append("      ").append(d).append('\n'));
        }
        return out.toString();
    }

    /** One line per report, newest last: when, what, outcome, data age (RPO) and time to recover (RTO). */
    public static String list(List<DrillReport> reports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FINISHED", "KIND", "INTO", "SET", "OUTCOME", "RPO", "RTO"});
        for (DrillReport r : reports) {
            rows.add(new String[] {r.finished().toString(), r.kind(), r.environment(), r.set(), r.passed() ? "passed" : "FAILED",
                    r.dataAge().map(ReportTable::age).orElse("-"), seconds(r.duration())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String items(Map<String, Long> counts) {
        List<String> shown = new ArrayList<>();
        counts.entrySet().stream().limit(ITEMS_SHOWN).forEach(e -> shown.add(e.getKey() + " " + e.getValue()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String more = counts.size() > ITEMS_SHOWN ? ", ... and " + (counts.size() - ITEMS_SHOWN) + " more" : "";
        return String.join(", ", shown) + more + (counts.size() > 1 ? " (" + counts.size() + " items, total " + total + ")" : "");
    }

    private static String seconds(Duration duration) {
        return Sizes.seconds(duration.toNanos());
    }

    /** {@code 5h 12m}, {@code 3d 2h}, {@code 42s}. */
    public static String age(Duration age) {
        long s = age.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
