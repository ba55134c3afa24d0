package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.postgres;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.settings;
import static org.lifeboat.rebuild.elasticsearch.ReindexingApplication.Behaviour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.rebuild.StepRunner;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/**
 * The hook mode against an application inside the test that re-indexes from PostgreSQL into the
 * real node when called: token, trigger, poll, then the count checks; and every way it can fail.
 */
class ElasticsearchHookRebuildTest {

    private static final String INDEX = "hook-people";
    private static ElasticsearchServer es;
    private static PostgresServer pg;
    private static ReindexingApplication app;

    @TempDir
    Path work;
    private Path credentials;

    @BeforeAll
    static void start() throws Exception {
        es = ElasticsearchServer.shared();
        pg = PostgresServer.start();
        RebuildFixture.createPeople(pg, "app", 900);
        app = new ReindexingApplication(es, pg, INDEX);
    }

    @AfterAll
    static void stop() {
        app.close();
        pg.close();
    }

    @BeforeEach
    void reset() throws IOException {
        es.deleteIndices(INDEX);
        app.behave(Behaviour.WORKS);
        credentials = secret("credentials.json", "{\"username\":\"" + ReindexingApplication.USER + "\",\"password\":\""
                + ReindexingApplication.PASSWORD + "\"}");
    }

    private Path secret(String name, String content) throws IOException {
        Path file = Files.writeString(work.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private HookSettings hook(Path credentialsFile, Duration timeout, List<IndexCheckSettings> checks) {
        return new HookSettings(new TokenSettings(app.url("/auth/token"), credentialsFile, null, null, null, null), List.of(),
                app.url("/admin/reindex"), null, null, "job", app.url("/admin/reindex") + "/{id}",
                "state", Set.of("done"), Set.of("error"), Duration.ofMillis(100), timeout, null, null, checks);
    }

    private List<IndexCheckSettings> equalToPostgres() {
        return List.of(new IndexCheckSettings(INDEX, 100L, postgres(pg, "app", "SELECT id, '{}' FROM people")));
    }

    private StepResult run(HookSettings settings) throws IOException {
        return new ElasticsearchHookRebuild("elasticsearch hook app", settings(es), settings).run();
    }

    @Test
    void theApplicationRebuildsAndEveryIndexIsChecked() throws IOException {
        StepResult result = run(hook(credentials, Duration.ofMinutes(2), equalToPostgres()));

        assertTrue(result.ok(), result.toString());
        assertEquals("elasticsearch hook app", result.name());
        assertEquals(List.of("hook: state 'done' at GET " + app.url("/admin/reindex/job-" + app.triggers()),
                "index " + INDEX + ": 900 documents, expected 900 (postgres query on postgresql://postgres@127.0.0.1:" + pg.port() + "/app)"),
                result.details());
        assertEquals(900, RebuildFixture.count(es, INDEX));
    }

    @Test
    void aMinimumCountCheckAndAnExpiredTokenFetchedAgain() throws IOException {
        app.behave(Behaviour.EXPIRES_FIRST_TOKEN);
        int before = app.tokensIssued();

        StepResult result = run(hook(credentials, Duration.ofMinutes(2), List.of(new IndexCheckSettings(INDEX, 900L, null))));

        assertTrue(result.ok(), result.toString());
        assertEquals("index " + INDEX + ": 900 documents, expected at least 900", result.details().get(1));
        assertEquals(2, app.tokensIssued() - before, "a 401 while polling fetched a new token");
    }

    @Test
    void aCountBelowTheSourceFailsTheStep() throws IOException {
        app.behave(Behaviour.INDEXES_HALF);

        StepResult result = run(hook(credentials, Duration.ofMinutes(2), equalToPostgres()));

        assertFalse(result.ok());
        assertTrue(result.details().get(1).startsWith("index " + INDEX + ": 450 documents, expected 900 (postgres query"), result.toString());
    }

    @Test
    void aMissingIndexFailsTheStep() throws IOException {
        StepResult result = run(hook(credentials, Duration.ofMinutes(2), List.of(new IndexCheckSettings("hook-nothing", null, null))));

        assertFalse(result.ok());
        assertEquals("index hook-nothing: does not exist on " + es.url(), result.details().get(1));
    }

    @Test
    void theApplicationReportingAFailureFailsTheStepWithItsStatus() throws IOException {
        app.behave(Behaviour.REPORTS_ERROR);

        StepResult result = run(hook(credentials, Duration.ofMinutes(2), equalToPostgres()));

        assertFalse(result.ok());
        assertEquals(1, result.details().size(), "no index is checked after a failed rebuild");
        assertTrue(result.details().get(0).startsWith("hook: the application reported state 'error' at GET " + app.url("/admin/reindex/job-")),
                result.details().get(0));
    }

    @Test
    void aRebuildThatNeverFinishesTimesOut() throws IOException {
        app.behave(Behaviour.NEVER_FINISHES);

        StepResult result = run(hook(credentials, Duration.ofSeconds(2), equalToPostgres()));

        assertFalse(result.ok());
        assertTrue(result.details().get(0).matches("hook: no done status at GET .*/admin/reindex/job-\\d+ within PT2S; last state 'running'"),
                result.details().get(0));
        assertTrue(result.duration().toMillis() >= 2000 && result.duration().toMillis() < 10_000, result.duration().toString());
    }

    @Test
    void refusedCredentialsFailNamingTheTokenUrlButNotTheSecret() throws IOException {
        Path wrong = secret("wrong.json", "{\"username\":\"drill\",\"password\":\"hunter2\"}");

        IOException e = assertThrows(IOException.class, () -> run(hook(wrong, Duration.ofMinutes(2), equalToPostgres())));

        assertEquals("token request POST " + app.url("/auth/token") + " answered 401", e.getMessage());
        StepResult reported = StepRunner.run(new ElasticsearchHookRebuild("hook", settings(es), hook(wrong, Duration.ofMinutes(2), List.of())));
        assertFalse(reported.ok());
        assertFalse(reported.details().toString().contains("hunter2"));
    }

    @Test
    void aCredentialsFileOpenToOthersIsRefused() throws IOException {
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
        int triggers = app.triggers();

        IOException e = assertThrows(IOException.class, () -> run(hook(credentials, Duration.ofMinutes(2), equalToPostgres())));

        assertTrue(e.getMessage().contains("is accessible by group or others"), e.getMessage());
        assertEquals(triggers, app.triggers(), "nothing was triggered");
    }

    @Test
    void anUnreachableApplicationFailsNamingTheUrl() throws IOException {
        int closedPort = RebuildFixture.closedPort();
        String base = "http://127.0.0.1:" + closedPort;
        HookSettings nowhere = new HookSettings(null, List.of(), java.net.URI.create(base + "/admin/reindex?secret=x"), null, null, null,
                base + "/status", null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), List.of());

        IOException e = assertThrows(IOException.class, () -> run(nowhere));

        assertTrue(e.getMessage().startsWith("POST " + base + "/admin/reindex failed"), e.getMessage());
        assertFalse(e.getMessage().contains("secret=x"), "the query is left out of messages");
    }
}
