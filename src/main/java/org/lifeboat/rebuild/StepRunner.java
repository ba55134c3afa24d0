package org.lifeboat.rebuild;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs restore steps in order and turns each failure into a result, so that a report has every step. */
public final class StepRunner {

    private StepRunner() {
    }

    /**
     * Runs {@code step}; an {@link IOException} or a runtime failure becomes a result that is not
     * ok, with the exception's message as its detail and the time until the failure.
     */
    public static StepResult run(RestoreStep step) {
        long start = System.nanoTime();
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return StepResult.failed(step.name(), List.of(message), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Runs every step in order, each whatever the one before did (a rebuild of one index does not
     * depend on another's), and returns one result per step.
     */
    public static List<StepResult> runAll(List<? extends RestoreStep> steps) {
        List<StepResult> results = new ArrayList<>();
        for (RestoreStep step : steps) {
            results.add(run(step));
        }
        return results;
    }
}
