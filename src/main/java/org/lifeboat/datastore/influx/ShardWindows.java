package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the points of one database can be: the time spans of its shard groups, per retention
 * policy. Every point lives in a shard group, so a read only has to query these spans, however
 * far apart they are (a point in 1677 and one in 2262 are two shard groups, not 213 000 days).
 * A window never crosses from one shard group into another: within one shard a field has one
 * type, while a query over two shards whose types differ gets every value cast to float.
 *
 * <p>{@code SHOW SHARD GROUPS} gives times to the second. Group starts are multiples of the
 * group duration (at least an hour) and so exact; only the last group's end, clamped to
 * InfluxDB's largest time, is cut: each span is widened by a second at its end, up to the next
 * group's start, so that nothing falls between spans.
 */
final class ShardWindows {

    /** The first nanosecond InfluxDB 1.x accepts ({@code models.MinNanoTime}). */
    static final long MIN_TIME = -9_223_372_036_854_775_806L;
    /** The last nanosecond InfluxDB 1.x accepts ({@code models.MaxNanoTime}). */
    static final long MAX_TIME = 9_223_372_036_854_775_806L;

    /** One query's time range: {@code time >= start AND time < end}. */
    record Window(long start, long end) {
    }

    private record Span(long start, long end) {
    }

    private final Map<String, List<Span>> spans;
    private final Map<String, Boolean> overlapping;

    private ShardWindows(Map<String, List<Span>> spans, Map<String, Boolean> overlapping) {
        this.spans = spans;
        this.overlapping = overlapping;
    }

    /** The shard groups of {@code database} among all of {@code SHOW SHARD GROUPS}. */
    static ShardWindows of(String database, List<InfluxSeries> answer) throws IOException {
        Map<String, List<Span>> groups = new HashMap<>();
        for (InfluxSeries series : answer) {
            int db = series.column("database");
            int rp = series.column("retention_policy");
            int start = series.column("start_time");
            int end = series.column("end_time");
            for (List<Object> row : series.values()) {
                if (database.equals(row.get(db))) {
                    groups.computeIfAbsent(String.valueOf(row.get(rp)), p -> new ArrayList<>())
                            .add(new Span(nanos(row.get(start)), nanos(row.get(end))));
                }
            }
        }
        Map<String, List<Span>> spans = new HashMap<>();
        Map<String, Boolean> overlapping = new HashMap<>();
        groups.forEach((rp, list) -> {
            list.sort(Comparator.comparingLong(Span::start).thenComparingLong(Span::end));
            List<Span> disjoint = new ArrayList<>();
            boolean overlaps = false;
            long reached = Long.MIN_VALUE;
            for (int i = 0; i < list.size(); i++) {
                Span group = list.get(i);
                overlaps |= group.start() < reached;
                long start = Math.max(Math.max(group.start(), reached), MIN_TIME);
                long end = saturatedAdd(group.end(), 1_000_000_000L);
                if (i + 1 < list.size()) {
                    end = Math.min(end, Math.max(list.get(i + 1).start(), group.end()));
                }
                if (start < end) {
                    disjoint.add(new Span(start, end));
                    reached = Math.max(reached, end);
                }
                reached = Math.max(reached, group.end());
            }
            spans.put(rp, disjoint);
            overlapping.put(rp, overlaps);
        });
        return new ShardWindows(spans, overlapping);
    }

    /** Whether two shard groups of {@code rp} cover the same time (possible after its shard duration changed). */
    boolean overlapping(String rp) {
        return overlapping.getOrDefault(rp, false);
    }

    /**
     * The windows of {@code rp} that cover {@code [from, to]} (inclusive) where a shard group is,
     * in time order, each at most {@code maxLength} nanoseconds and within one shard group.
     */
    List<Window> windows(String rp, long from, long to, long maxLength) {
        List<Window> windows = new ArrayList<>();
        long last = to >= MAX_TIME ? Long.MAX_VALUE : to + 1;
        for (Span span : spans.getOrDefault(rp, List.of())) {
            long start = Math.max(span.start(), from);
            long end = Math.min(span.end(), last);
            while (start < end) {
                // end > start, so end - start is exact as an unsigned number even across the whole range
                long next = Long.compareUnsigned(end - start, maxLength) <= 0 ? end : start + maxLength;
                windows.add(new Window(start, next));
                start = next;
            }
        }
        return windows;
    }

    /**
     * Time ranges that together cover the whole valid range without gaps, for the server's own
     * counts ({@link PointCensus}): they divide at the starts of the shard groups of {@code rp}
     * after {@code first} and up to {@code last}, so that each holds about one shard group's
     * points (a count over a whole large measurement could outlast the read timeout), while no
     * point can fall outside them even if the shard groups were listed wrong.
     */
    List<Window> slices(String rp, long first, long last) {
        List<Window> slices = new ArrayList<>();
        long start = MIN_TIME;
        for (Span span : spans.getOrDefault(rp, List.of())) {
            if (span.start() > first && span.start() <= last && span.start() > start) {
                slices.add(new Window(start, span.start()));
                start = span.start();
            }
        }
        slices.add(new Window(start, Long.MAX_VALUE));
        return slices;
    }

    private static long nanos(Object rfc3339) throws IOException {
        Instant instant;
        try {
            instant = Instant.parse(String.valueOf(rfc3339));
        } catch (DateTimeParseException e) {
            throw new IOException("unreadable shard group time '" + rfc3339 + "'", e);
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
