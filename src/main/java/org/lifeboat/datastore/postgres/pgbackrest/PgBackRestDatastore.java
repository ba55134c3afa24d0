package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.util.List;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.AbstractDatastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.process.ExternalProcess;

/**
 * A PostgreSQL cluster backed up by pgBackRest (mode {@code differential}): a full backup on the
 * configured weekday, a differential on the others, WAL archived continuously by
 * {@code archive_command}, all in pgBackRest's own encrypted repository on the backup server.
 * The set's artifact only names the backup; the restore replays it into a new data directory.
 */
public final class PgBackRestDatastore extends AbstractDatastore {

    private final PostgresEndpoint endpoint;
    private final PgBackRestSettings settings;

    public PgBackRestDatastore(String name, PostgresEndpoint endpoint, PgBackRestSettings settings) {
        super(name, "postgresql", "differential");
        this.endpoint = endpoint;
        this.settings = settings;
    }

    @Override
    protected String address() {
        return endpoint + ", pgBackRest stanza '" + settings.stanza() + "' on " + settings.repository().user() + "@"
                + settings.repository().address();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        return new PgBackRestBackup(this, endpoint, settings).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new PgBackRestRestore(this, endpoint, settings).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        return new PgBackRestPrecheck(this, endpoint, settings).run();
    }

    /**
     * pgBackRest's version here, after checking the repository host runs the same one.
     *
     * @throws IOException naming both versions when they differ, or the host that cannot be asked
     */
    String versions(PgBackRestCommands commands) throws IOException {
        String local = PgBackRestVersion.parse(ExternalProcess.run(commands.localVersion()));
        String remote = PgBackRestVersion.parse(ExternalProcess.run(commands.remoteVersion()));
        var mismatch = PgBackRestVersion.mismatch(local, "this host", remote, settings.repository().address());
        if (mismatch.isPresent()) {
            throw new IOException(mismatch.get());
        }
        return local;
    }

    /** Whether a committed restore keeps the newest replaced data directory ({@code lifeboat.restore.keep-replaced}). */
    boolean keepsReplaced() {
        return keepReplaced();
    }
}
