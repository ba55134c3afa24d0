package org.lifeboat.datastore;

/**
 * What every datastore shares: its configured name, technology, mode and address. Subclasses give
 * the three verbs; the name and address appear in messages as {@link #describe()}.
 */
public abstract class AbstractDatastore implements Datastore {

    private final String name;
    private final String kind;
    private final String mode;

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

    /** The server's address without secrets, for example {@code postgresql://postgres@127.0.0.1:5432}. */
    protected abstract String address();

    @Override
    public final String describe() {
        return name + " (" + address() + ")";
    }
}
