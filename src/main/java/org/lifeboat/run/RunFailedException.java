package org.lifeboat.run;

import java.io.IOException;
import java.util.List;

/** A run failed after it started; the message says what failed and what was left behind. */
public class RunFailedException extends IOException {

    private final List<String> datastores;

    public RunFailedException(String message) {
        this(message, List.of());
    }

    /** A failure of the datastores named in {@code datastores} (for per-datastore metrics and alerts). */
    public RunFailedException(String message, List<String> datastores) {
        super(message);
        this.datastores = List.copyOf(datastores);
    }

    /** The datastores that failed, when the failure was theirs; empty otherwise. */
    public List<String> datastores() {
        return datastores;
    }
}
