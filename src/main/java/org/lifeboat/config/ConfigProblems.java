package org.lifeboat.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SmallRye Config's problem messages in Lifeboat's form: one line, the key first, then what is
 * wrong ("lifeboat.backup.prune-after-backup: must be true or false, not 'maybe'"), without the
 * library's message codes, class names or the whole source description.
 */
final class ConfigProblems {

    private record Rewrite(Pattern pattern, String replacement) {
    }

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite(Pattern.compile("SRCFG00039: The config property (\\S+) with the config value \"(.*?)\" threw an Exception"
                    + " whilst being converted (?:java\\.lang\\.\\w+: )?(.*)", Pattern.DOTALL), "$1: $3"),
            new Rewrite(Pattern.compile("SRCFG00014: The config property (\\S+) is required but it could not be found in any config"
                    + " source.*", Pattern.DOTALL), "$1 is required but not set"),
            new Rewrite(Pattern.compile("SRCFG00050: (\\S+) in \\S+ does not map to any root.*", Pattern.DOTALL),
                    "$1 is not a setting Lifeboat knows (misspelt?)"),
            new Rewrite(Pattern.compile("SRCFG\\d+: (.*)", Pattern.DOTALL), "$1"));

    private ConfigProblems() {
    }

    /** {@code message} rewritten as above, on one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        String text = message.strip().replaceFirst("^(?:java\\.lang\\.)?\\w+(?:Exception|Error): (?=SRCFG)", "");
        for (Rewrite rewrite : REWRITES) {
            Matcher matcher = rewrite.pattern().matcher(text);
            if (matcher.matches()) {
                text = matcher.replaceFirst(rewrite.replacement());
                break;
            }
        }
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
