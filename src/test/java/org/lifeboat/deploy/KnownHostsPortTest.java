package org.lifeboat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The known_hosts form the SSH library matches, port by port: JSch (like OpenSSH) looks a server
 * on port 22 up by its plain name and any other port as {@code [host]:port} (Session.checkHost).
 * So a pinned line {@code [host]:22 …}, as the old playbook wrote it, is never found and a default
 * install failed with "host key is unknown". environment-init (ssh-keyscan), the playbook's check
 * and the chart's check all use the plain form on 22. Binding port 22 in a test is not possible
 * beside other users of this machine, hence a test of the lookup itself.
 */
class KnownHostsPortTest {

    private static final String KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIGRcJDXBMCocmIv6n7Hn0Ptg13pP+s07ZbPAGq8Z1BKv";

    @TempDir
    Path work;

    @Test
    void onPort22ThePlainHostMatchesAndTheBracketedFormDoesNot() throws Exception {
        assertEquals(HostKeyRepository.OK, lookup("backup.example.org ssh-ed25519 " + KEY, "backup.example.org", 22));
        assertEquals(HostKeyRepository.NOT_INCLUDED, lookup("[backup.example.org]:22 ssh-ed25519 " + KEY, "backup.example.org", 22));
    }

    @Test
    void onAnotherPortTheBracketedFormMatches() throws Exception {
        assertEquals(HostKeyRepository.OK, lookup("[backup.example.org]:2222 ssh-ed25519 " + KEY, "backup.example.org", 2222));
        // JSch falls back to the plain name for [host]:port (OpenSSH does not); the bracketed form,
        // which ssh-keyscan writes, is the one both accept
        assertEquals(HostKeyRepository.OK, lookup("backup.example.org ssh-ed25519 " + KEY, "backup.example.org", 2222));
        assertEquals(HostKeyRepository.NOT_INCLUDED, lookup("[backup.example.org]:2200 ssh-ed25519 " + KEY, "backup.example.org", 2222));
    }

    /** What JSch's session does with the pinned file when it connects to {@code host}:{@code port}. */
    private int lookup(String line, String host, int port) throws Exception {
        Path file = work.resolve("known_hosts-" + port + "-" + line.hashCode());
        Files.writeString(file, line + "\n");
        JSch jsch = new JSch();
        jsch.setKnownHosts(file.toString());
        String name = port == 22 ? host : "[" + host + "]:" + port; // com.jcraft.jsch.Session#checkHost
        return jsch.getHostKeyRepository().check(name, Base64.getDecoder().decode(KEY));
    }
}
