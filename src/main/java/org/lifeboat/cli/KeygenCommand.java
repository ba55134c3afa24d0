package org.lifeboat.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lifeboat.keys.GeneratedKeys;
import org.lifeboat.keys.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Write an age identity and recipient, an ed25519 SSH login key pair and an ed25519 manifest signing key"
                + " pair with its allowed-signers line (secret files 0600); print only the public parts.",
            "With --state: write only production's state identity (" + KeyFiles.STATE_IDENTITY + ", 0600), for"
                    + " lifeboat.backup.state-identity-file."})
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write the keys into")
    Path out;

    @Option(names = "--state", description = "write only the state identity production keeps for incremental modes"
            + " (MinIO rsync); it reads production's own indexes, never a backup")
    boolean state;

    @Override
    public Integer call() throws Exception {
        if (state) {
            String publicKey = KeyFiles.generateState(out);
            Path file = out.resolve(KeyFiles.STATE_IDENTITY);
            System.out.println("state identity public key (never add it to lifeboat.backup.recipients-file): " + publicKey);
            System.out.println("secret file (0600) " + file + ": belongs on production, in lifeboat.backup.state-identity-file;"
                    + " never give it to staging");
            return ExitCodes.OK;
        }
        GeneratedKeys keys = KeyFiles.generate(out);
        System.out.println("age recipient (public, for lifeboat.backup.recipients-file): " + keys.ageRecipient());
        System.out.println("ssh public key (for the backup server's authorized_keys): " + keys.sshPublicKey());
        System.out.println("manifest signer (for staging's lifeboat.restore.allowed-signers-file, " + KeyFiles.ALLOWED_SIGNERS + "): "
                + keys.allowedSigner());
        System.out.println("secret files (0600) in " + out + ": keep the age identity off production, the signing key off staging");
        return ExitCodes.OK;
    }
}
