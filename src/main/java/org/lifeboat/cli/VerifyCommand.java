package org.lifeboat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.Clock;
import org.lifeboat.keys.AgeIdentity;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.VerifyRun;
import org.lifeboat.pipeline.ArtifactDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a set's stored sizes and SHA-256 against its manifest; --deep also decrypts and checks the plaintext.")
final class VerifyCommand extends ConfiguredCommand {

    @Option(names = "--set", paramLabel = "DATE|NAME|latest|all", defaultValue = "latest", description = "which set (default latest)")
    String set;

    @Option(names = "--deep", description = "decrypt and decompress too (needs an identity)")
    boolean deep;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "age identity for --deep (default: lifeboat.restore.identity-file)")
    Path identity;

    @Option(names = "--json", description = "print the findings as one JSON array of {ok, path, detail} (a mirror's"
            + " summary has mirror instead of path)")
    boolean json;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        ArtifactDecoder decoder = null;
        if (deep) {
            Path file = identity != null ? identity : appliance.config().restore().map(r -> r.identityFile()).orElseThrow(
                    () -> new org.lifeboat.ConfigException("verify --deep needs --identity FILE or lifeboat.restore.identity-file"));
            decoder = new ArtifactDecoder(AgeIdentity.read(file));
        }
        int failed;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode findings = mapper.createArrayNode();
            failed = new VerifyRun(appliance).run(set, decoder, new VerifyRun.Lines() {
                @Override
                public void line(boolean ok, String path, String detail) {
                    findings.addObject().put("ok", ok).put("path", path).put("detail", detail);
                }

                @Override
                public void mirror(boolean ok, String mirror, String detail) {
                    findings.addObject().put("ok", ok).put("mirror", mirror).put("detail", detail);
                }
            });
            System.out.println(mapper.writeValueAsString(findings));
        } else {
            failed = new VerifyRun(appliance).run(set, decoder, System.out);
        }
        if (failed > 0) {
            System.err.println("verify: " + failed + " artifact(s) failed");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
