package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.postgres.server.PostgresRowCounts;

/** What a physical restore is checked against: unlogged tables exist and are empty, marked or (older sets) not. */
class PhysicalCountsTest {

    private static final String CACHE = "public.cache" + PostgresRowCounts.UNLOGGED;

    @Test
    void aMarkedUnloggedTableIsExpectedEmpty() {
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Long>> expected = PhysicalCounts.expected(Map.of("shop", Map.of(CACHE, 30L, "public.events", 5L)),
                Map.of("shop", Map.of(CACHE, 0L, "public.events", 5L)), notes);
        assertEquals(Map.of("shop", Map.of(CACHE, 0L, "public.events", 5L)), expected);
        assertEquals(List.of(), notes);
    }

    @Test
    void anOlderSetsUnmarkedUnloggedTableIsExpectedEmptyWithANote() {
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Long>> expected = PhysicalCounts.expected(Map.of("shop", Map.of("public.cache", 30L)),
                Map.of("shop", Map.of(CACHE, 0L)), notes);
        assertEquals(Map.of("shop", Map.of(CACHE, 0L)), expected);
        assertEquals(List.of("shop: public.cache is unlogged: its 30 rows at backup are not in a physical backup"), notes);
    }

    @Test
    void aLoggedTableKeepsItsCount() {
        Map<String, Map<String, Long>> expected = PhysicalCounts.expected(Map.of("shop", Map.of("public.cache", 30L)),
                Map.of("shop", Map.of("public.cache", 0L)), new ArrayList<>());
        assertEquals(Map.of("shop", Map.of("public.cache", 30L)), expected, "a logged table that lost rows is a mismatch");
    }

    @Test
    void whatCannotBeRestoredIsNamed() {
        assertEquals(List.of("database shop: unlogged table public.cache (30 rows at backup): not in a physical backup, a restore"
                        + " brings it back empty",
                "database shop: unlogged sequence public.s: not in a physical backup, a restore resets it to its start",
                "database closed: in the physical backup, rows not counted (it does not accept connections (ALLOW_CONNECTIONS false))"),
                PhysicalCounts.notRestorable(Map.of("shop", Map.of(CACHE, 30L, "public.events", 5L)), Map.of("shop", List.of("public.s")),
                        Map.of("closed", "it does not accept connections (ALLOW_CONNECTIONS false)")));
    }
}
