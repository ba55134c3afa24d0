package org.lifeboat.datastore;

/**
 * What every datastore shares: its configured name, technology, mode and address. Subclasses give
 * the three verbs; the name and address appear in messages as {@link #describe()}, which the run
 * calling the datastore adds to its errors (the datastore's own exceptions leave it out).
 */
public abstract class AbstractDatastore implements Datastore {

    private final String name;
    private final String kind;
    private final String mode;
    private boolean keepReplaced;

    /**
     * @param name the configured name, also its folder in a set
     * @param kind the technology, for example {@code postgresql}
     * @param mode how it is backed up, for example {@code dump}
     */
    protected AbstractDatastore(String name, String kind, String mode) {
        this.name = name;
        this.kind = kind;
        this.mode = mode;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String mode() {
        return mode;
    }

    /**
     * Makes a committed restore keep the newest copy of the live data it replaced instead of dropping
     * it ({@code lifeboat.restore.keep-replaced}); older kept copies are still dropped. Set by the
     * family when it builds the datastore, before any restore; returns this datastore.
     */
    public final AbstractDatastore keepingReplaced(boolean keep) {
        this.keepReplaced = keep;
        return this;
    }

    /** Whether a committed restore keeps the newest copy of the live data it replaced. */
    protected final boolean keepReplaced() {
        return keepReplaced;
    }

    /** The server's address without secrets, for example {@code postgresql://postgres@127.0.0.1:5432}. */
    protected abstract String address();

    @Override
    public final String describe() {
        return name + " (" + address() + ")";
    }
}
