package org.lifeboat.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.pipeline.ArtifactDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Break glass: decrypt and decompress one artifact file to its plaintext (a pg_dump archive, SQL, …).")
final class DecryptCommand implements Callable<Integer> {

    @Option(names = "--identity", paramLabel = "FILE", required = true, description = "the age identity file (0600)")
    Path identity;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "where to write the plaintext; - for stdout")
    String out;

    @Parameters(paramLabel = "ARTIFACT", description = "a *.zst.age artifact file copied from the backup server")
    Path artifact;

    @Override
    public Integer call() throws Exception {
        ArtifactDecoder decoder = new ArtifactDecoder(AgeIdentity.read(identity));
        if (out.equals("-")) {
            try (InputStream plain = decoder.open(Files.newInputStream(artifact))) {
                plain.transferTo(System.out);
            }
            System.out.flush();
            return ExitCodes.OK;
        }
        Path target = Path.of(out);
        try (InputStream plain = decoder.open(Files.newInputStream(artifact));
                OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            plain.transferTo(file);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new java.io.IOException("'" + target + "' exists already; decrypt never overwrites", e);
        } catch (java.io.IOException | RuntimeException e) {
            Files.deleteIfExists(target); // a damaged artifact leaves no partial plaintext behind
            throw new java.io.IOException("unable to decrypt '" + artifact + "': " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
