package org.lifeboat.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.config.Role;
import org.lifeboat.repository.MirrorLayout;
import org.lifeboat.repository.SetCatalog;
import org.lifeboat.repository.SetLayout;
import org.lifeboat.retention.RetentionPolicy.State;

/**
 * {@code lifeboat seal}: hands every set production has published, and every new mirror folder
 * and body, to the keeper ({@link SetSeal}). A set is sealed whatever its content (a damaged or
 * unsigned one is kept as evidence, and retention never counts it); it is refused only when its
 * name does not fit when it was published: a start after its publish (beyond a few minutes of
 * clock skew) or more than {@code lifeboat.server.publish-window} before it. Production's key can write any
 * folder name, so without this a stolen credential could publish a signed set named for a past
 * day and make retention drop that day's genuine set.
 */
public final class SealRun {

    private static final Logger LOG = Logger.getLogger(SealRun.class);

    /** How far production's clock may run ahead of the backup server's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Appliance appliance;

    public SealRun(Appliance appliance) {
        this.appliance = appliance;
    }

    /** Seals what is new; prints one line per set sealed or refused; returns what is sealed now. */
    public Seals run(PrintStream out) throws IOException {
        return run(out, true);
    }

    /**
     * As {@link #run(PrintStream)}; with {@code apply} false nothing is changed (a dry run): the
     * lines say "would seal", and the result counts those sets as sealed.
     */
    public Seals run(PrintStream out, boolean apply) throws IOException {
        appliance.requireRole(Role.SERVER, "seal");
        LifeboatConfig config = appliance.config();
        LifeboatConfig.ServerRole server = config.server().orElseThrow();
        String environment = appliance.setsEnvironment();
        Path folder = Path.of(config.store().root()).resolve(new SetLayout(environment).environmentFolder());
        SetSeal seal = new SetSeal(server.keeperUser(), server.writerUserSetting().orElse("lifeboat-" + environment));
        SetCatalog catalog = appliance.catalog();
        Duration window = server.publishWindow();
        Map<String, String> refused = new LinkedHashMap<>();
        Set<String> wouldSeal = new HashSet<>();
        int sealed = 0;
        for (SetCatalog.SetInfo set : catalog.sets()) {
            Path setFolder = folder.resolve(set.folder());
            if (set.state() == State.PARTIAL || seal.sealed(setFolder)) {
                continue;
            }
            Instant published = SetSeal.changed(setFolder);
            String misnamed = misnamed(set.started(), published, window);
            if (misnamed != null) {
                refused.put(set.folder(), misnamed);
                out.println("not sealed  " + set.folder() + "  " + misnamed);
                LOG.warnf("set '%s/%s' not sealed: %s", environment, set.folder(), misnamed);
                continue;
            }
            if (!apply) {
                wouldSeal.add(set.folder());
                out.println("would seal  " + set.folder() + "  (" + set.state().label() + ")");
                continue;
            }
            try {
                seal.sealSet(setFolder);
            } catch (IOException e) {
                throw new IOException("unable to seal '" + environment + "/" + set.folder() + "' in "
                        + appliance.store().describe() + ": " + e.getMessage()
                        + " (the keeper runs as root or with CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE)", e);
            }
            sealed++;
            out.println("sealed      " + set.folder() + "  (" + set.state().label() + ")");
            LOG.infof("sealed '%s/%s' (%s)", environment, set.folder(), set.state().label());
        }
        int bodies = apply ? sealMirrors(seal, folder) : 0;
        if (bodies > 0) {
            out.println("sealed      " + bodies + " mirror bodies");
        }
        LOG.infof("seal of '%s': %d sets, %d mirror bodies sealed, %d refused", environment, sealed, bodies, refused.size());
        return new Seals(seal, folder, refused, wouldSeal);
    }

    /** Why a set named for {@code started} and published at {@code published} is not sealed, or null. */
    static String misnamed(Instant started, Instant published, Duration window) {
        if (started.isAfter(published.plus(CLOCK_SKEW))) {
            return "named for " + started + ", after it was published (" + published + ")";
        }
        if (Duration.between(started, published).compareTo(window) > 0) {
            return "named for " + started + " but published " + published + ", more than lifeboat.server.publish-window "
                    + window + " later (a backdated set)";
        }
        return null;
    }

    /** Seals every mirror folder and sub-folder not yet sealed, and every placed body; returns the bodies sealed. */
    private static int sealMirrors(SetSeal seal, Path environment) throws IOException {
        int bodies = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(environment, p -> p.getFileName().toString()
                .endsWith(MirrorLayout.SUFFIX) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path mirror : entries) {
                if (!seal.sealed(mirror)) {
                    seal.sealMirrorFolder(mirror);
                }
                try (DirectoryStream<Path> subs = Files.newDirectoryStream(mirror, p -> MirrorLayout.isMirrorFolder(
                        p.getFileName().toString()) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
                    for (Path sub : subs) {
                        if (!seal.sealed(sub)) {
                            seal.sealMirrorFolder(sub);
                        }
                        if (sub.getFileName().toString().equals(MirrorLayout.INCOMING)) {
                            continue; // bodies being written: the sweep removes stale ones
                        }
                        bodies += sealBodies(seal, sub);
                    }
                }
            }
        }
        return bodies;
    }

    private static int sealBodies(SetSeal seal, Path shard) throws IOException {
        int bodies = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard,
                p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path body : files) {
                if (!seal.sealed(body)) {
                    seal.sealBody(body);
                    bodies++;
                }
            }
        }
        return bodies;
    }
}
