package org.lifeboat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server role's configuration: one role of three, on the local store, with its defaults. */
class ServerRoleConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }

    @Test
    void theExampleLoadsInTheServerRole() {
        LifeboatConfig config = ConfigLoader.load(Path.of("examples/server.yaml"), Map.of());
        assertEquals(Role.SERVER, Role.of(config));
        assertEquals("lifeboat-keeper", config.server().orElseThrow().keeperUser());
        assertEquals(Duration.ofDays(2), config.server().orElseThrow().staleAfter().orElseThrow());
    }

    @Test
    void defaultsApplyInsideTheOptionalGroup() throws IOException {
        LifeboatConfig config = ConfigLoader.load(write("lifeboat:\n  environment: prod\n  store:\n    type: local\n    root: /srv/l\n"
                + "  server:\n    allowed-signers-file: /etc/signers\n"), Map.of());
        assertEquals("lifeboat-keeper", config.server().orElseThrow().keeperUser());
        assertEquals(Duration.ofHours(36), config.server().orElseThrow().publishWindow());
        assertTrue(config.server().orElseThrow().staleAfter().isEmpty());
    }

    @Test
    void theServerRoleNeedsTheLocalStore() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, "lifeboat:\n  environment: prod\n  store:\n    type: sftp\n    root: /srv/l\n"
                + "    sftp:\n      host: h\n      user: u\n      private-key-file: /k\n      known-hosts-file: /h\n"
                + "  server:\n    allowed-signers-file: /etc/signers\n", "lifeboat.store.type must be local");
    }

    @Test
    void theServerRoleAndAnotherAreRefused() throws IOException {
        ConfigFiles.assertRefusedNaming(dir, "lifeboat:\n  environment: prod\n  store:\n    type: local\n    root: /srv/l\n"
                + "  backup:\n    recipients-file: /r\n  server:\n    allowed-signers-file: /etc/signers\n",
                "lifeboat.server and lifeboat.backup are set");
    }
}
