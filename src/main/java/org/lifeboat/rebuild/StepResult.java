package org.lifeboat.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link RestoreStep} did.
 *
 * @param name the step's {@link RestoreStep#name()}
 * @param ok whether the job was done and every check passed
 * @param details one line per fact worth a report, for example
 *     {@code index people: 120000 documents, expected 120000 (rows of the postgres query)}; for a
 *     failure, the lines say what failed and what was left in place
 * @param duration how long the step ran
 */
public record StepResult(String name, boolean ok, List<String> details, Duration duration) {

    public StepResult {
        Objects.requireNonNull(name, "name");
        details = List.copyOf(details);
        Objects.requireNonNull(duration, "duration");
    }

    public static StepResult ok(String name, List<String> details, Duration duration) {
        return new StepResult(name, true, details, duration);
    }

    public static StepResult failed(String name, List<String> details, Duration duration) {
        return new StepResult(name, false, details, duration);
    }
}
