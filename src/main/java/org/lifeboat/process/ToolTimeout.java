package org.lifeboat.process;

import java.io.IOException;
import java.time.Duration;

/**
 * How long an external tool may run before it is killed. A run sets it around the work of one
 * datastore ({@link #during}), so that every tool that datastore starts, on this thread or on one it
 * starts, gets that datastore's limit without each family passing it down to every command it
 * builds; outside any such scope a tool gets {@link #DEFAULT}.
 *
 * @param limit how long a tool may run
 * @param setting the configuration key that sets the limit, named when a tool is killed
 */
public record ToolTimeout(Duration limit, String setting) {

    /** Outside a run's scope: long enough for any honest tool, short enough that a hung one ends. */
    public static final ToolTimeout DEFAULT = new ToolTimeout(Duration.ofHours(6), "lifeboat.timeouts.tool");

    // inheritable: a datastore that starts a tool from a thread of its own (a counting or copying thread)
    // started inside the scope gets the same limit
    private static final InheritableThreadLocal<ToolTimeout> CURRENT = new InheritableThreadLocal<>();

    public ToolTimeout {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, not " + limit);
        }
    }

    /** The limit in force on this thread. */
    public static ToolTimeout current() {
        ToolTimeout timeout = CURRENT.get();
        return timeout == null ? DEFAULT : timeout;
    }

    /** Runs {@code work} with {@code timeout} in force for every tool it starts; restores the previous one after. */
    public static <T> T during(ToolTimeout timeout, Work<T> work) throws IOException {
        ToolTimeout previous = CURRENT.get();
        CURRENT.set(timeout);
        try {
            return work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** As {@link #during}, for work that throws no checked exception (checks that report their own failures). */
    public static <T> T within(ToolTimeout timeout, java.util.function.Supplier<T> work) {
        try {
            return during(timeout, work::get);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not reached: a Supplier throws no IOException
        }
    }

    /** Work that starts tools. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** For messages: {@code "5 s (lifeboat.timeouts.datastores.postgres)"}. */
    public String describe() {
        long seconds = limit.toSeconds();
        String amount = seconds < 120 ? limit.toMillis() % 1000 == 0 ? seconds + " s" : limit.toMillis() + " ms"
                : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
        return amount + " (" + setting + ")";
    }
}
