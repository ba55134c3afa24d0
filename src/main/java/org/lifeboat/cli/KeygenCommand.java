package org.lifeboat.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lifeboat.keys.GeneratedKeys;
import org.lifeboat.keys.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write an age identity and recipient and an ed25519 SSH key pair (secret files 0600); print only the public parts.")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write the keys into")
    Path out;

    @Override
    public Integer call() throws Exception {
        GeneratedKeys keys = KeyFiles.generate(out);
        System.out.println("age recipient (public, for lifeboat.backup.recipients-file): " + keys.ageRecipient());
        System.out.println("ssh public key (for the backup server's authorized_keys): " + keys.sshPublicKey());
        System.out.println("secret files (0600) in " + out + ": keep the age identity off production");
        return ExitCodes.OK;
    }
}
