package org.lifeboat.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lifeboat.retention.RetentionPolicy.Candidate;
import org.lifeboat.retention.RetentionPolicy.Decision;
import org.lifeboat.retention.RetentionPolicy.State;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final RetentionPolicy DEFAULT = new RetentionPolicy(7, 5, 12, Duration.ofHours(36));

    private static Candidate complete(String day) {
        return new Candidate(day, LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant(), State.COMPLETE);
    }

    private static Map<String, Decision> decide(RetentionPolicy policy, List<Candidate> candidates) {
        return policy.decide(candidates, NOW).stream().collect(Collectors.toMap(Decision::folder, Function.identity()));
    }

    private static List<Candidate> dailyFor(int days) {
        List<Candidate> sets = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            sets.add(complete(LocalDate.parse("2026-11-22").minusDays(i).toString()));
        }
        return sets;
    }

    @Test
    void keepsTheLastSevenDays() {
        Map<String, Decision> decisions = decide(new RetentionPolicy(7, 0, 0, Duration.ofHours(36)), dailyFor(10));
        for (int i = 0; i < 7; i++) {
            String day = LocalDate.parse("2026-11-22").minusDays(i).toString();
            assertTrue(decisions.get(day).keep(), day);
        }
        assertEquals(false, decisions.get("2026-11-13").keep());
        assertTrue(decisions.get("2026-11-13").reason().startsWith("not selected"));
    }

    @Test
    void weeklyAndMonthlyKeepTheNewestOfEachPeriod() {
        Map<String, Decision> decisions = decide(DEFAULT, dailyFor(120));
        long kept = decisions.values().stream().filter(Decision::keep).count();
        // 7 days (16-22 Nov), weeks: W47 (22nd, already kept), W46 (15th), W45 (8th), W44 (1st), W43 (25 Oct);
        // months: Nov (22nd), Oct (31st), Sep (30th), Aug (31st), Jul (31st: 120 days back reaches 26 Jul)
        assertTrue(decisions.get("2026-11-15").keep());
        assertTrue(decisions.get("2026-11-15").reason().contains("weekly"));
        assertTrue(decisions.get("2026-10-25").keep());
        assertTrue(decisions.get("2026-10-31").reason().contains("monthly"));
        assertTrue(decisions.get("2026-09-30").keep());
        assertTrue(decisions.get("2026-07-31").keep());
        assertEquals(false, decisions.get("2026-10-18").keep());
        assertEquals(7 + 4 + 4, kept);
    }

    @Test
    void theNewestCompleteSetIsNeverRemoved() {
        Map<String, Decision> decisions = decide(new RetentionPolicy(0, 0, 0, Duration.ofHours(36)), dailyFor(3));
        assertTrue(decisions.get("2026-11-22").keep());
        assertEquals("newest complete set", decisions.get("2026-11-22").reason());
        assertEquals(false, decisions.get("2026-11-21").keep());
    }

    @Test
    void unfinishedSetsDoNotCountAndGoAfterTheGracePeriod() {
        List<Candidate> sets = new ArrayList<>(dailyFor(2));
        sets.add(new Candidate("2026-11-22T110000Z.partial", Instant.parse("2026-11-22T11:00:00Z"), State.PARTIAL));
        sets.add(new Candidate("2026-11-19.partial", Instant.parse("2026-11-19T00:00:00Z"), State.PARTIAL));
        Map<String, Decision> decisions = decide(new RetentionPolicy(1, 0, 0, Duration.ofHours(36)), sets);
        assertTrue(decisions.get("2026-11-22T110000Z.partial").keep());
        assertEquals(false, decisions.get("2026-11-19.partial").keep());
        assertTrue(decisions.get("2026-11-22").keep());
        assertEquals(false, decisions.get("2026-11-21").keep());
    }

    @Test
    void aPartialNewerThanEveryCompleteSetDoesNotDisplaceIt() {
        List<Candidate> sets = List.of(complete("2026-11-01"),
                new Candidate("2026-11-22.partial", Instant.parse("2026-11-22T00:00:00Z"), State.PARTIAL));
        Map<String, Decision> decisions = decide(new RetentionPolicy(0, 0, 0, Duration.ofHours(1)), sets);
        assertTrue(decisions.get("2026-11-01").keep(), "the only complete set stays");
        assertEquals(false, decisions.get("2026-11-22.partial").keep());
    }

    @Test
    void aFolderWithoutManifestIsLeftForAnOperator() {
        List<Candidate> sets = List.of(complete("2026-11-22"),
                new Candidate("2025-01-01", Instant.parse("2025-01-01T00:00:00Z"), State.NO_MANIFEST));
        assertTrue(decide(new RetentionPolicy(0, 0, 0, Duration.ZERO), sets).get("2025-01-01").keep());
    }

    @Test
    void twoSetsOnOneDayKeepTheNewerForThatDay() {
        List<Candidate> sets = List.of(complete("2026-11-21"),
                new Candidate("2026-11-21T180000Z", Instant.parse("2026-11-21T18:00:00Z"), State.COMPLETE),
                complete("2026-11-22"));
        Map<String, Decision> decisions = decide(new RetentionPolicy(2, 0, 0, Duration.ZERO), sets);
        assertTrue(decisions.get("2026-11-21T180000Z").keep());
        assertEquals(false, decisions.get("2026-11-21").keep());
    }

    @Test
    void setsOfSomeDatastoresKeepTheNewestSetOfEveryDatastore() {
        RetentionPolicy oneDay = new RetentionPolicy(1, 0, 0, Duration.ofHours(36));
        List<Candidate> sets = List.of(
                new Candidate("2026-11-20", Instant.parse("2026-11-20T01:00:00Z"), State.COMPLETE, Set.of("postgres", "mongo")),
                new Candidate("2026-11-21", Instant.parse("2026-11-21T01:00:00Z"), State.COMPLETE, Set.of("mongo")),
                new Candidate("2026-11-22", Instant.parse("2026-11-22T01:00:00Z"), State.COMPLETE, Set.of("postgres")),
                new Candidate("2026-11-22T020000Z", Instant.parse("2026-11-22T02:00:00Z"), State.COMPLETE, Set.of("postgres")));
        Map<String, Decision> decisions = decide(oneDay, sets);
        assertTrue(decisions.get("2026-11-22T020000Z").keep(), decisions.toString());
        assertTrue(decisions.get("2026-11-21").keep(), "the newest set holding mongo: " + decisions);
        assertTrue(decisions.get("2026-11-21").reason().contains("of mongo"), decisions.get("2026-11-21").reason());
        assertEquals(false, decisions.get("2026-11-22").keep(), decisions.toString());
        assertEquals(false, decisions.get("2026-11-20").keep(), decisions.toString());
    }
}
