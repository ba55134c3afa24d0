package org.lifeboat.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys whose manifest signatures a server trusts, in OpenSSH's {@code allowed_signers} format
 * (the file {@code ssh-keygen -Y verify -f} reads): {@code principals [options] ssh-ed25519 AAAA…
 * [comment]}, one per line. The only option read is {@code namespaces="…"}; a line with any other
 * option (for example {@code cert-authority}) is refused rather than half understood.
 */
public final class AllowedSigners {

    /**
     * One line.
     *
     * @param principals the names the key is allowed as
     * @param namespaces the namespaces it may sign in; empty: any
     * @param key the key
     */
    record Signer(List<String> principals, List<String> namespaces, SshPublicKey key) {
    }

    private final List<Signer> signers;
    private final String origin;

    private AllowedSigners(List<Signer> signers, String origin) {
        this.signers = List.copyOf(signers);
        this.origin = origin;
    }

    /** Reads {@code file} (public keys: no permission check). */
    public static AllowedSigners read(Path file) throws IOException {
        return parse(KeyFileLines.read(file, "allowed signers file"), "'" + file + "'");
    }

    /** Allows exactly {@code key}, as {@code principal}: production checking its own earlier sets. */
    public static AllowedSigners of(String principal, SshPublicKey key) {
        return new AllowedSigners(List.of(new Signer(List.of(principal), List.of(ManifestSignature.NAMESPACE), key)),
                "this server's own signing key");
    }

    /** Parses the file's text; errors name {@code origin} and the line. */
    static AllowedSigners parse(String text, String origin) throws IOException {
        List<Signer> signers = new ArrayList<>();
        for (KeyFileLines.Line line : KeyFileLines.of(text)) {
            String where = origin + ": line " + line.number();
            List<String> fields = fields(line.text(), where);
            if (fields.size() < 3) {
                throw new IOException(where + ": expected 'principals [options] ssh-ed25519 KEY'");
            }
            List<String> namespaces = List.of();
            int keyField = 1;
            if (!fields.get(1).startsWith("ssh-")) {
                namespaces = namespaces(fields.get(1), where);
                keyField = 2;
            }
            if (fields.size() <= keyField + 1) {
                throw new IOException(where + ": expected a key after the options");
            }
            signers.add(new Signer(Arrays.asList(fields.get(0).split(",")), namespaces,
                    SshPublicKey.parse(fields.get(keyField), fields.get(keyField + 1), where)));
        }
        if (signers.isEmpty()) {
            throw new IOException(origin + ": no allowed signer (expected lines 'principal ssh-ed25519 KEY')");
        }
        return new AllowedSigners(signers, origin);
    }

    /** The first principal {@code key} is allowed as for {@code namespace}, if any. */
    Optional<String> principalOf(SshPublicKey key, String namespace) {
        return signers.stream().filter(s -> s.key().equals(key) && (s.namespaces().isEmpty() || s.namespaces().contains(namespace)))
                .map(s -> s.principals().get(0)).findFirst();
    }

    /** Where these come from, for messages. */
    String origin() {
        return origin;
    }

    /** How many keys are allowed. */
    public int size() {
        return signers.size();
    }

    private static List<String> namespaces(String options, String where) throws IOException {
        String prefix = "namespaces=\"";
        if (!options.startsWith(prefix) || !options.endsWith("\"") || options.length() <= prefix.length()) {
            throw new IOException(where + ": the only option Lifeboat reads is namespaces=\"…\", not '" + options + "'");
        }
        return Arrays.asList(options.substring(prefix.length(), options.length() - 1).split(","));
    }

    /** Splits on white space outside double quotes. */
    private static List<String> fields(String text, String where) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!field.isEmpty()) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IOException(where + ": a quote is not closed");
        }
        if (!field.isEmpty()) {
            fields.add(field.toString());
        }
        return fields;
    }
}
