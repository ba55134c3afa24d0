package org.lifeboat.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.AllowedSigners;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.keys.SigningKey;
import org.lifeboat.keys.SshPublicKey;
import org.lifeboat.retention.RetentionPolicy.State;
import org.lifeboat.store.BackupStore;
import org.lifeboat.testing.LocalSets;

/** Which folders are sets, which are complete, and which set a selector chooses. */
class SetCatalogTest {

    private static final String ENV = "production";

    @TempDir
    Path work;

    private LocalSets sets;
    private SetCatalog catalog;

    @BeforeEach
    void store() throws IOException {
        sets = new LocalSets(work);
        catalog = new SetCatalog(sets.store(), new SetLayout(ENV), sets.trust());
    }

    @Test
    void aDateChoosesTheNewestCompleteSetOfThatDayAndSetColonChoosesTheDayNamedOne() throws IOException {
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        String first = sets.publish(ENV, Instant.parse("2026-12-02T01:00:00Z"));
        String second = sets.publish(ENV, Instant.parse("2026-12-02T04:06:32Z"));
        assertEquals("2026-12-02", first);
        assertEquals("2026-12-02T040632Z", second);

        assertEquals(second, catalog.select("2026-12-02").name());
        assertEquals(second, catalog.select("latest").name());
        assertEquals(second, catalog.select("2026-12-02T040632Z").name());
        assertEquals(first, catalog.select("set:2026-12-02").name());
        assertEquals("2026-12-01", catalog.select("2026-12-01").name());
        IOException none = assertThrows(IOException.class, () -> catalog.select("2026-12-03"));
        assertTrue(none.getMessage().contains("no complete set '2026-12-03'"), none.getMessage());
    }

    @Test
    void latestReadsTheSetsNewestFirstOnlyAsFarAsTheFirstCompleteOne() throws IOException {
        String oldest = sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        String older = sets.publish(ENV, Instant.parse("2026-12-02T01:00:00Z"));
        String damaged = sets.publish(ENV, Instant.parse("2026-12-03T01:00:00Z"));
        sets.breakManifest(ENV, damaged, "{ this is not json");
        List<String> touched = new ArrayList<>();
        SetCatalog recorded = new SetCatalog(recording(sets.store(), touched), new SetLayout(ENV), sets.trust());

        assertEquals(older, recorded.select("latest").name(), "the damaged newest set is passed over");
        assertEquals(older, recorded.select("latest", LocalSets.DATASTORE).name());
        assertEquals(older, recorded.latest().orElseThrow().name());
        assertTrue(touched.stream().noneMatch(path -> path.contains("/" + oldest + "/")), "the oldest set is never read: " + touched);
        assertTrue(touched.stream().anyMatch(path -> path.contains("/" + damaged + "/")), touched.toString());

        touched.clear();
        assertEquals(State.DAMAGED, recorded.set(damaged).orElseThrow().state());
        assertEquals(State.COMPLETE, recorded.set(oldest).orElseThrow().state());
        assertTrue(touched.stream().noneMatch(path -> path.contains("/" + older + "/")), touched.toString());
        assertEquals(Optional.empty(), recorded.set("2026-11-30"));
        IOException none = assertThrows(IOException.class, () -> recorded.select("latest", "mongo"));
        assertTrue(none.getMessage().contains("no complete set 'latest' holding datastore 'mongo'"), none.getMessage());
    }

    /** {@code store}, recording the path of every read, stat and listing below an environment. */
    private static BackupStore recording(BackupStore store, List<String> touched) {
        return (BackupStore) java.lang.reflect.Proxy.newProxyInstance(BackupStore.class.getClassLoader(), new Class<?>[] {BackupStore.class},
                (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof String path) {
                        touched.add(path + "/");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aBrokenManifestMakesItsSetDamagedAndTheOthersStayComplete() throws IOException {
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        String broken = sets.publish(ENV, Instant.parse("2026-12-02T01:00:00Z"));
        sets.breakManifest(ENV, broken, "{ this is not json");

        List<SetCatalog.SetInfo> all = catalog.sets();
        assertEquals(List.of(State.COMPLETE, State.DAMAGED), all.stream().map(SetCatalog.SetInfo::state).toList());
        assertTrue(all.get(1).problem().orElseThrow().contains("manifest"), all.get(1).problem().orElseThrow());
        assertEquals("2026-12-01", catalog.select("latest").name(), "a damaged set is never the newest backup");
        IOException e = assertThrows(IOException.class, () -> catalog.select(broken));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }

    @Test
    void aSetWhoseArtifactIsMissingOrOfAnotherSizeIsDamaged() throws IOException {
        String missing = sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        String truncated = sets.publish(ENV, Instant.parse("2026-12-02T01:00:00Z"));
        String whole = sets.publish(ENV, Instant.parse("2026-12-03T01:00:00Z"));
        Files.delete(sets.artifact(ENV, missing));
        try (FileChannel file = FileChannel.open(sets.artifact(ENV, truncated), StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 1);
        }

        List<SetCatalog.SetInfo> all = catalog.sets();
        assertEquals(State.DAMAGED, all.get(0).state());
        assertTrue(all.get(0).problem().orElseThrow().contains("is missing"), all.get(0).problem().orElseThrow());
        assertEquals(State.DAMAGED, all.get(1).state());
        assertTrue(all.get(1).problem().orElseThrow().contains("the manifest records"), all.get(1).problem().orElseThrow());
        assertEquals(State.COMPLETE, all.get(2).state());
        assertEquals(List.of(whole), catalog.complete().stream().map(SetCatalog.SetInfo::name).toList());
    }

    @Test
    void aPartialFolderAndAFolderWithoutManifestAreNeverComplete() throws IOException {
        Files.createDirectories(sets.root().resolve(ENV).resolve("2026-12-01.partial"));
        Files.createDirectories(sets.root().resolve(ENV).resolve("2026-12-02"));
        Files.createDirectories(sets.root().resolve(ENV).resolve("reports"));
        List<SetCatalog.SetInfo> all = catalog.sets();
        assertEquals(List.of(State.PARTIAL, State.NO_MANIFEST), all.stream().map(SetCatalog.SetInfo::state).toList());
        assertThrows(IOException.class, () -> catalog.select("latest"));
    }

    @Test
    void anUnsignedSetIsUntrustedUnlessItFinishedBeforeTheTransitionInstant() throws IOException {
        String name = sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        Files.delete(sets.folder(ENV, name).resolve(SetLayout.SIGNATURE));
        SetCatalog.SetInfo untrusted = catalog.sets().get(0);
        assertEquals(State.UNTRUSTED, untrusted.state());
        assertTrue(untrusted.problem().orElseThrow().contains("not signed"), untrusted.problem().orElseThrow());

        ManifestTrust transition = new ManifestTrust(AllowedSigners.of("lifeboat", signer()),
                Optional.of(Instant.parse("2026-12-01T02:00:00Z")));
        assertEquals(State.COMPLETE, new SetCatalog(sets.store(), new SetLayout(ENV), transition).sets().get(0).state());
        ManifestTrust tooEarly = new ManifestTrust(AllowedSigners.of("lifeboat", signer()),
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals(State.UNTRUSTED, new SetCatalog(sets.store(), new SetLayout(ENV), tooEarly).sets().get(0).state());
    }

    @Test
    void aSetSignedByAKeyThatIsNotAllowedIsUntrusted() throws IOException {
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        KeyFiles.generate(work.resolve("other"));
        SshPublicKey other = SigningKey.read(work.resolve("other").resolve(KeyFiles.SIGNING_KEY)).publicKey();
        SetCatalog strangers = new SetCatalog(sets.store(), new SetLayout(ENV),
                new ManifestTrust(AllowedSigners.of("other", other), Optional.empty()));
        SetCatalog.SetInfo set = strangers.sets().get(0);
        assertEquals(State.UNTRUSTED, set.state());
        assertTrue(set.problem().orElseThrow().contains("does not allow"), set.problem().orElseThrow());
        IOException e = assertThrows(IOException.class, () -> strangers.select("latest"));
        assertTrue(e.getMessage().contains("untrusted"), e.getMessage());
    }

    private SshPublicKey signer() throws IOException {
        return SigningKey.read(work.resolve("keys").resolve(KeyFiles.SIGNING_KEY)).publicKey();
    }
}
