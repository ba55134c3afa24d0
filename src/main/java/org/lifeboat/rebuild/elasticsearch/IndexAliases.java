package org.lifeboat.rebuild.elasticsearch;

import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an alias name stands for now, and the one {@code _aliases} request that moves it. The
 * request is atomic in Elasticsearch: every search sees either the old index or the new one.
 *
 * <p>First rebuild: when no alias of that name exists, the request only adds it. When a concrete
 * index has the alias's name (an application that wrote into {@code people} directly), the same
 * request removes that index ({@code remove_index}) and adds the alias: a search never finds
 * neither. That index cannot be kept, so {@code keep-old-index} refuses it before anything changes.
 *
 * @param alias the name
 * @param indices the indices the alias points at (empty when it does not exist or {@link #concrete})
 * @param concrete whether the name is a concrete index instead of an alias
 */
record IndexAliases(String alias, List<String> indices, boolean concrete) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** Looks the name up: an alias (and its indices), a concrete index, or nothing. */
    static IndexAliases find(ElasticsearchConnection es, String alias) throws IOException {
        boolean isAlias = ElasticsearchErrors.call(es, "look up alias", alias,
                () -> es.client().indices().existsAlias(a -> a.name(alias)).value());
        if (isAlias) {
            List<String> indices = ElasticsearchErrors.call(es, "look up alias", alias,
                    () -> new ArrayList<>(es.client().indices().getAlias(a -> a.name(alias)).result().keySet()));
            indices.sort(null);
            return new IndexAliases(alias, List.copyOf(indices), false);
        }
        boolean isIndex = ElasticsearchErrors.call(es, "look up index", alias,
                () -> es.client().indices().exists(i -> i.index(alias)).value());
        return new IndexAliases(alias, List.of(), isIndex);
    }

    /** {@code <alias>-yyyyMMdd-HHmmss-SSS} (UTC) for a rebuild starting at {@code now}. */
    static String versionedName(String alias, ZonedDateTime now) {
        return alias + "-" + now.withZoneSameInstant(ZoneOffset.UTC).format(STAMP);
    }

    /** Whether {@code index} has the form {@link #versionedName} gives for {@code alias}. */
    static boolean isVersionOf(String alias, String index) {
        return index.length() == alias.length() + 20 && index.startsWith(alias + "-")
                && Pattern.matches("\\d{8}-\\d{6}-\\d{3}", index.substring(alias.length() + 1));
    }

    /** What the alias names now, for reports. */
    String describe() {
        if (concrete) {
            return "the concrete index '" + alias + "'";
        }
        return indices.isEmpty() ? "nothing (no alias yet)" : String.join(", ", indices);
    }

    /**
     * Moves the alias to {@code newIndex} in one request. Each removal must still exist
     * ({@code must_exist}), so a change by someone else since {@link #find} fails the request
     * whole instead of leaving two indices behind the alias.
     */
    void swapTo(ElasticsearchConnection es, String newIndex) throws IOException {
        List<Action> actions = new ArrayList<>();
        for (String old : indices) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias).mustExist(true))));
        }
        if (concrete) {
            actions.add(Action.of(a -> a.removeIndex(r -> r.index(alias))));
        }
        actions.add(Action.of(a -> a.add(add -> add.index(newIndex).alias(alias))));
        boolean acknowledged = ElasticsearchErrors.call(es, "move alias to index", newIndex,
                () -> es.client().indices().updateAliases(u -> u.actions(actions)).acknowledged());
        if (!acknowledged) {
            throw new IOException("unable to move alias '" + alias + "' to index '" + newIndex + "' on " + es.describe()
                    + ": the node did not acknowledge the _aliases request in time");
        }
    }
}
