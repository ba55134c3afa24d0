package org.lifeboat.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A {@link RestoreStep} under a fixed name, whose result's duration runs from its start to its result. */
public abstract class NamedStep implements RestoreStep {

    private final String name;

    /** @param name what the step is called in reports, for example {@code elasticsearch hook search-app} */
    protected NamedStep(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    /** This step's result: {@code ok} or not, with {@code details}, having run since {@code startNanos} ({@link System#nanoTime()}). */
    protected final StepResult result(boolean ok, List<String> details, long startNanos) {
        return new StepResult(name, ok, details, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
