package org.lifeboat.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetLayoutTest {

    private final SetLayout layout = new SetLayout("production");
    private final Instant start = Instant.parse("2026-11-22T14:30:15.123Z");

    @Test
    void aFirstRunIsNamedByItsUtcDate() {
        assertEquals("2026-11-22", layout.newSetName(start, Set.of("2026-11-21")));
        assertEquals("production/2026-11-22.partial", layout.partialFolder("2026-11-22"));
        assertEquals("production/2026-11-22/manifest.json", layout.manifestPath("2026-11-22"));
    }

    @Test
    void aSecondRunOnTheSameDayGetsATimeSuffix() {
        assertEquals("2026-11-22T143015Z", layout.newSetName(start, Set.of("2026-11-22")));
        assertEquals("2026-11-22T143015Z", layout.newSetName(start, Set.of("2026-11-22.partial")));
    }

    /** Once prune removed the day's first set, a third run that day must not get the day name: it would sort oldest. */
    @Test
    void aLaterRunNeverGetsTheDayNameWhileAnySetOfThatDayExists() {
        assertEquals("2026-11-22T143015Z", layout.newSetName(start, Set.of("2026-11-22T020000Z")));
        assertEquals("2026-11-22T143015Z", layout.newSetName(start, Set.of("2026-11-22T020000Z.partial")));
        assertEquals("2026-11-22", layout.newSetName(start, Set.of("2026-11-21T235959Z", "minio-mirror", "pgbackrest")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layout.newSetName(start, Set.of("2026-11-22", "2026-11-22T143015Z")));
        assertTrue(e.getMessage().contains("2026-11-22T143015Z"), e.getMessage());
    }

    @Test
    void namesParseBackAndSortInTimeOrder() {
        SetLayout.SetName day = SetLayout.parse("2026-11-22").orElseThrow();
        SetLayout.SetName timed = SetLayout.parse("2026-11-22T143015Z.partial").orElseThrow();
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"), day.started());
        assertEquals(Instant.parse("2026-11-22T14:30:15Z"), timed.started());
        assertTrue(timed.partial());
        assertEquals("2026-11-22T143015Z.partial", timed.folderName());
        assertTrue("2026-11-22".compareTo("2026-11-22T143015Z") < 0);
        assertTrue("2026-11-22T143015Z".compareTo("2026-11-23") < 0);
    }

    @Test
    void otherFoldersAreNotSets() {
        assertTrue(SetLayout.parse("pgbackrest").isEmpty());
        assertTrue(SetLayout.parse("minio-mirror").isEmpty());
        assertTrue(SetLayout.parse("2026-13-40").isEmpty());
    }

    @Test
    void anEnvironmentThatEscapesTheRootIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SetLayout("../etc"));
    }
}
