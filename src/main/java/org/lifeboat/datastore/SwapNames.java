package org.lifeboat.datastore;

import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * The names a swap by renames gives live data while a restore replaces it, the same for every
 * datastore that renames (PostgreSQL databases, MongoDB collections): {@code <name>__lifeboat_aside_<stamp>}
 * until the commit or rollback, {@code <name>__lifeboat_done_<stamp>} once a commit decided to drop
 * it, {@code <name>__lifeboat_kept_<stamp>} when keep-replaced keeps it, and the scratch copy a
 * restore loads into. How a suffix is put on a name that would pass the server's limit (cut and
 * hashed) is the datastore's: {@code withSuffix}.
 */
public final class SwapNames implements RenamedSwapSettling.Naming {

    private static final String ASIDE = "__lifeboat_aside_";
    private static final String DONE = "__lifeboat_done_";
    private static final String KEPT = "__lifeboat_kept_";

    private final BinaryOperator<String> withSuffix;
    private final String scratchSuffix;
    private final String legacyAsideSuffix;

    /**
     * @param withSuffix (name, suffix) → the name with the suffix, within the server's limit
     * @param scratchSuffix what ends a scratch copy's name
     * @param legacyAsideSuffix what ended an aside copy's name before stamps, or {@code null}
     */
    public SwapNames(BinaryOperator<String> withSuffix, String scratchSuffix, String legacyAsideSuffix) {
        this.withSuffix = withSuffix;
        this.scratchSuffix = scratchSuffix;
        this.legacyAsideSuffix = legacyAsideSuffix;
    }

    public String scratch(String live) {
        return withSuffix.apply(live, scratchSuffix);
    }

    public String aside(String live, String stamp) {
        return withSuffix.apply(live, ASIDE + stamp);
    }

    public String done(String live, String stamp) {
        return withSuffix.apply(live, DONE + stamp);
    }

    @Override
    public String kept(String live, String stamp) {
        return withSuffix.apply(live, KEPT + stamp);
    }

    /** A stamped aside copy, or one an older Lifeboat made without a stamp. */
    @Override
    public boolean isAside(String name) {
        return stamped(name, ASIDE).isPresent() || (legacyAsideSuffix != null && name.endsWith(legacyAsideSuffix));
    }

    @Override
    public boolean isDone(String name) {
        return stamped(name, DONE).isPresent();
    }

    @Override
    public boolean isKept(String name) {
        return stamped(name, KEPT).isPresent();
    }

    @Override
    public boolean isScratch(String name) {
        return name.endsWith(scratchSuffix);
    }

    /** Whether {@code name} is any of these names. */
    public boolean isLifeboats(String name) {
        return isScratch(name) || name.contains(ASIDE) || name.contains(DONE) || name.contains(KEPT);
    }

    @Override
    public Optional<String> stampOf(String name) {
        return stamped(name, ASIDE).or(() -> stamped(name, DONE)).or(() -> stamped(name, KEPT));
    }

    /** The live name of an aside copy, when its name says it in full (it was not cut to fit). */
    @Override
    public Optional<String> liveOf(String aside) {
        Optional<String> stamp = stamped(aside, ASIDE);
        String live;
        String rebuilt;
        if (stamp.isPresent()) {
            live = aside.substring(0, aside.lastIndexOf(ASIDE));
            rebuilt = aside(live, stamp.get());
        } else if (legacyAsideSuffix != null && aside.endsWith(legacyAsideSuffix)) {
            live = aside.substring(0, aside.length() - legacyAsideSuffix.length());
            rebuilt = live + legacyAsideSuffix;
        } else {
            return Optional.empty();
        }
        return rebuilt.equals(aside) ? Optional.of(live) : Optional.empty();
    }

    private static Optional<String> stamped(String name, String marker) {
        int at = name.lastIndexOf(marker);
        return at > 0 && SwapStamp.is(name.substring(at + marker.length())) ? Optional.of(name.substring(at + marker.length()))
                : Optional.empty();
    }
}
