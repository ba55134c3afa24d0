package org.lifeboat.datastore.postgres.pgbackrest;

/**
 * Turns pgBackRest's and ssh's failures into messages that say what to do: an unreachable
 * repository host names its address, a wrong passphrase says so instead of printing the
 * undecryptable bytes pgBackRest shows.
 */
final class PgBackRestErrors {

    private PgBackRestErrors() {
    }

    static String explain(String message, PgBackRestSettings settings) {
        String text = message == null ? "unknown error" : message;
        String repo = settings.repository().address();
        if (text.contains("FormatError") || text.contains("cipher") && text.contains("unable to")
                || text.contains("CryptoError")) {
            return "the pgBackRest repository " + settings.repository().path() + " on " + repo
                    + " cannot be decrypted with the passphrase in '" + settings.cipherPassFile()
                    + "' (wrong passphrase, or another repository at that path)";
        }
        if (text.contains("Connection refused") || text.contains("Connection timed out") || text.contains("No route to host")
                || text.contains("Could not resolve hostname") || text.contains("exit code 255")) {
            return "repository host " + repo + " is unreachable over SSH: " + printable(text);
        }
        return printable(text);
    }

    /** The message without control characters or binary noise, at most 2000 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 2000; i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
