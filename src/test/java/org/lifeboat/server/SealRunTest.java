package org.lifeboat.server;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a published set's name fits its publish time, so that the keeper seals it. */
class SealRunTest {

    private static final Instant PUBLISHED = Instant.parse("2026-12-02T03:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(36);

    @Test
    void aSetNamedForItsRunIsSealed() {
        assertNull(SealRun.misnamed(Instant.parse("2026-12-02T00:00:00Z"), PUBLISHED, WINDOW), "a day's set, published that night");
        assertNull(SealRun.misnamed(Instant.parse("2026-12-01T23:30:00Z"), PUBLISHED, WINDOW), "a run over midnight");
        assertNull(SealRun.misnamed(Instant.parse("2026-12-02T03:05:00Z"), PUBLISHED, WINDOW), "a few minutes of clock skew");
    }

    @Test
    void aSetNamedForTheFutureOrBackdatedIsNot() {
        assertTrue(SealRun.misnamed(Instant.parse("2026-12-02T04:00:00Z"), PUBLISHED, WINDOW).contains("after it was published"));
        assertTrue(SealRun.misnamed(Instant.parse("2026-11-30T14:00:00Z"), PUBLISHED, WINDOW).contains("backdated"));
    }
}
