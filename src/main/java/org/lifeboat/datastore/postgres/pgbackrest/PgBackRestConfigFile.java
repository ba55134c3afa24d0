package org.lifeboat.datastore.postgres.pgbackrest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pgbackrest.conf files Lifeboat generates, one per side, rewritten before every run and never
 * edited by hand. The database host's file holds no secret (it is read by {@code archive_command}
 * as the cluster's OS user); the repository host's holds the passphrase, because the pgBackRest
 * processes that {@code archive-push} starts there over SSH can read it from nowhere else.
 */
final class PgBackRestConfigFile {

    private static final String HEADER = "# Written by Lifeboat before every run: do not edit, changes are overwritten.\n";

    private final PgBackRestSettings settings;
    private final int pgPort;

    /** The files for {@code settings}, the cluster listening on {@code pgPort}. */
    PgBackRestConfigFile(PgBackRestSettings settings, int pgPort) {
        this.settings = settings;
        this.pgPort = pgPort;
    }

    /** This host's file: where the repository is, how to reach it, and the cluster. */
    String local() {
        PgBackRestSettings.Repository repo = settings.repository();
        Map<String, String> global = new LinkedHashMap<>();
        global.put("repo1-host", repo.host());
        global.put("repo1-host-port", Integer.toString(repo.port()));
        global.put("repo1-host-user", repo.user());
        global.put("repo1-host-config", remoteConfigPath());
        global.put("cmd-ssh", LocalFiles.sshWrapper(settings).toString());
        global.put("log-path", LocalFiles.userDir(settings).resolve("log").toString());
        global.put("lock-path", LocalFiles.userDir(settings).resolve("lock").toString());
        global.put("log-level-console", "warn");
        global.put("log-level-file", "info");
        global.put("compress-type", "zst");
        return HEADER + section("global", global) + "\n" + section(settings.stanza(), cluster());
    }

    /**
     * The repository host's file: the repository, its encryption and retention, and how to reach
     * back to the cluster. Holds {@code passphrase}: upload it only through a stream.
     */
    String remote(String passphrase) {
        PgBackRestSettings.Repository repo = settings.repository();
        Map<String, String> global = new LinkedHashMap<>();
        global.put("repo1-path", repo.path());
        global.put("repo1-cipher-type", "aes-256-cbc");
        global.put("repo1-cipher-pass", passphrase);
        global.put("repo1-retention-full-type", "count");
        global.put("repo1-retention-full", Integer.toString(settings.retentionFull()));
        global.put("repo1-retention-diff", Integer.toString(settings.retentionDiff()));
        global.put("compress-type", "zst");
        global.put("start-fast", "y");
        global.put("cmd-ssh", repo.configDir() + "/ssh");
        global.put("log-path", repo.configDir() + "/log");
        global.put("lock-path", repo.configDir() + "/lock");
        global.put("log-level-console", "warn");
        global.put("log-level-file", "info");
        Map<String, String> stanza = new LinkedHashMap<>();
        stanza.put("pg1-host", settings.cluster().sshHost());
        stanza.put("pg1-host-port", Integer.toString(settings.cluster().sshPort()));
        stanza.put("pg1-host-user", settings.cluster().osUser());
        stanza.put("pg1-host-config", LocalFiles.config(settings).toString());
        stanza.putAll(cluster());
        return HEADER + section("global", global) + "\n" + section(settings.stanza(), stanza);
    }

    /** Where {@link #remote} goes on the repository host. */
    String remoteConfigPath() {
        return settings.repository().configDir() + "/pgbackrest.conf";
    }

    /** An ssh_config pinning the host key: never an unknown host, never a password prompt. */
    static String sshConfig(String identityFile, String knownHostsFile) {
        return HEADER.replace("# ", "# ssh_config for pgBackRest. ")
                + "Host *\n"
                + "  BatchMode yes\n"
                + "  StrictHostKeyChecking yes\n"
                + "  UserKnownHostsFile " + quoted(knownHostsFile) + "\n"
                + "  GlobalKnownHostsFile /dev/null\n"
                + "  IdentityFile " + quoted(identityFile) + "\n"
                + "  IdentitiesOnly yes\n"
                + "  ConnectTimeout 20\n"
                + "  ServerAliveInterval 30\n";
    }

    /** The {@code cmd-ssh} wrapper: ssh with {@code sshConfig} and nothing else. */
    static String sshWrapper(String sshConfigFile) {
        return "#!/bin/sh\n" + HEADER + "exec /usr/bin/ssh -F " + PgBackRestCommands.shellQuote(sshConfigFile) + " \"$@\"\n";
    }

    private Map<String, String> cluster() {
        Map<String, String> cluster = new LinkedHashMap<>();
        cluster.put("pg1-path", settings.cluster().dataDir().toString());
        cluster.put("pg1-port", Integer.toString(pgPort));
        cluster.put("pg1-socket-path", settings.cluster().socketDir().toString());
        cluster.put("pg1-user", settings.cluster().osUser());
        return cluster;
    }

    private static String section(String name, Map<String, String> options) {
        StringBuilder out = new StringBuilder("[").append(checked(name)).append("]\n");
        options.forEach((key, value) -> out.append(key).append('=').append(checked(value)).append('\n'));
        return out.toString();
    }

    /** A value on one line: a newline would start another option. */
    private static String checked(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a pgBackRest option value must be on one line");
        }
        return value;
    }

    private static String quoted(String path) {
        return "\"" + checked(path) + "\"";
    }
}
