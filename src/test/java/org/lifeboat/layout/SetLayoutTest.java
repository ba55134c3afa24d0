package org.lifeboat.layout;

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
