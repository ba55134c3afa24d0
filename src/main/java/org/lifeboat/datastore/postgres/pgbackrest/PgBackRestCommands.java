package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * The pgBackRest, psql and pg_ctl command lines: on this host as the cluster's OS user (peer
 * authentication on the socket, files owned by that user), or on the repository host through the
 * generated ssh wrapper. No secret is ever part of an argument list: the repository host's
 * configuration is uploaded through ssh's stdin.
 */
final class PgBackRestCommands {

    private final PgBackRestSettings settings;

    PgBackRestCommands(PgBackRestSettings settings) {
        this.settings = settings;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code user@host:port} of the repository host, for messages. */
    String repositoryHost() {
        return settings.repository().user() + "@" + settings.repository().address();
    }

    /** pgBackRest on this host, as the cluster's OS user, with Lifeboat's pgbackrest.conf. */
    ToolCommand local(String verb, List<String> options) {
        List<String> argv = new ArrayList<>(asClusterUser());
        argv.add(settings.pgbackrest().toString());
        argv.add("--config=" + LocalFiles.config(settings));
        argv.add("--stanza=" + settings.stanza());
        argv.addAll(options);
        argv.add(verb);
        return ToolCommand.of("pgbackrest " + verb + " of stanza '" + settings.stanza() + "' on this host", argv, Map.of());
    }

    /** pgBackRest on the repository host, with the configuration Lifeboat uploaded there. */
    ToolCommand remote(String verb, List<String> options) {
        List<String> words = new ArrayList<>(List.of(settings.pgbackrest().toString(),
                "--config=" + settings.repository().configDir() + "/pgbackrest.conf", "--stanza=" + settings.stanza()));
        words.addAll(options);
        words.add(verb);
        return overSsh("pgbackrest " + verb + " of stanza '" + settings.stanza() + "' on repository host " + repositoryHost(),
                String.join(" ", words.stream().map(PgBackRestCommands::shellQuote).toList()));
    }

    /** {@code pgbackrest version} here. */
    ToolCommand localVersion() {
        return ToolCommand.of("pgbackrest version on this host", List.of(settings.pgbackrest().toString(), "version"), Map.of());
    }

    /** {@code pgbackrest version} on the repository host. */
    ToolCommand remoteVersion() {
        return overSsh("pgbackrest version on repository host " + repositoryHost(),
                shellQuote(settings.pgbackrest().toString()) + " version");
    }

    /** A client tool of the cluster ({@code psql}, {@code pg_ctl}) as its OS user. */
    ToolCommand clusterTool(String description, String tool, List<String> arguments) {
        List<String> argv = new ArrayList<>(asClusterUser());
        argv.add(settings.cluster().binDir().resolve(tool).toString());
        argv.addAll(arguments);
        return ToolCommand.of(description, argv, Map.of());
    }

    /** Any command as the cluster's OS user (mkdir, mv, rm of Lifeboat's own restore folders). */
    ToolCommand asUser(String description, List<String> command) {
        List<String> argv = new ArrayList<>(asClusterUser());
        argv.addAll(command);
        return ToolCommand.of(description, argv, Map.of());
    }

    /**
     * Writes {@code text} to {@code path} on the repository host (temp name, then rename; mode
     * {@code mode}), through ssh's stdin, so that a secret in it never reaches an argument list.
     */
    void upload(String path, String text, String mode) throws IOException {
        String dir = path.substring(0, path.lastIndexOf('/'));
        String temp = path + ".tmp";
        String script = "umask 077 && mkdir -p " + shellQuote(dir) + " " + shellQuote(dir + "/log") + " " + shellQuote(dir + "/lock")
                + " && cat > " + shellQuote(temp) + " && chmod " + mode + " " + shellQuote(temp) + " && mv -f "
                + shellQuote(temp) + " " + shellQuote(path);
        ToolCommand command = overSsh("upload of '" + path + "' to repository host " + repositoryHost(), script);
        try (ExternalProcess process = ExternalProcess.start(command)) {
            try (OutputStream stdin = process.stdin()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // ssh ended early (host unreachable, key refused): its exit code and stderr say why, below
            }
            process.stdout().transferTo(OutputStream.nullOutputStream());
            process.awaitSuccess();
        }
    }

    private ToolCommand overSsh(String description, String remoteCommand) {
        PgBackRestSettings.Repository repo = settings.repository();
        List<String> argv = List.of(LocalFiles.sshWrapper(settings).toString(), "-p", Integer.toString(repo.port()),
                repo.user() + "@" + repo.host(), "--", remoteCommand);
        return ToolCommand.of(description, argv, Map.of());
    }

    private List<String> asClusterUser() {
        if (runningAsRoot() && !settings.cluster().osUser().equals("root")) {
            return List.of("/usr/sbin/runuser", "-u", settings.cluster().osUser(), "--");
        }
        return List.of();
    }

    /** {@code it's} → {@code 'it'\''s'}: one word for a POSIX shell. */
    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
