package org.lifeboat.store.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lifeboat.testing.SshServer;

/**
 * The session processes of a test sshd (its descendants running as the test user: the
 * {@code sshd: user@notty} process and the internal-sftp children forked for its channels)
 * stopped with SIGSTOP, as a server whose sftp-server hangs: the daemon still accepts, the TCP
 * connection stays up, nothing answers. {@link #close()} sends SIGCONT.
 */
final class PausedSessions implements AutoCloseable {

    private final List<Long> pids;

    private PausedSessions(List<Long> pids) {
        this.pids = pids;
    }

    /** Stops every session process {@code server} has now; fails if it has none (nothing would be tested). */
    static PausedSessions of(SshServer server) throws IOException, InterruptedException {
        long daemon = Long.parseLong(Files.readString(server.dir().resolve("sshd.pid")).trim());
        List<Long> sessions = ProcessHandle.of(daemon).orElseThrow(() -> new IOException("sshd " + daemon + " is gone"))
                .descendants()
                .filter(p -> p.info().user().map(SshServer.USER::equals).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
        if (sessions.isEmpty()) {
            throw new IOException("sshd " + daemon + " has no session process of " + SshServer.USER + " to stop");
        }
        PausedSessions paused = new PausedSessions(new ArrayList<>(sessions));
        paused.signal("-STOP", true);
        return paused;
    }

    /** How many processes were stopped. */
    int count() {
        return pids.size();
    }

    /** Lets the processes run again (they find their connection closed and end). */
    @Override
    public void close() throws IOException, InterruptedException {
        signal("-CONT", false); // one that has ended meanwhile needs no SIGCONT
    }

    private void signal(String signal, boolean strict) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        if (!kill.waitFor(30, TimeUnit.SECONDS) || strict && kill.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
