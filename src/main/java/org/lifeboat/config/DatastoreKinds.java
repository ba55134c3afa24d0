package org.lifeboat.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.DatastoreFamily;
import org.lifeboat.datastore.influx.InfluxFamily;
import org.lifeboat.datastore.minio.MinioFamily;
import org.lifeboat.datastore.mongo.MongoFamily;
import org.lifeboat.datastore.postgres.PostgresFamily;

/**
 * Every kind of datastore Lifeboat knows, one line each, in the order a run backs them up and
 * restores them. A new kind is its family package, its mapping line in
 * {@link LifeboatConfig.Datastores} and its line here.
 */
public final class DatastoreKinds {

    /** Every kind, in run order. */
    public static final List<Kind<?>> ALL = List.of(
            new Kind<>("postgres", LifeboatConfig.Datastores::postgres, new PostgresFamily()),
            new Kind<>("mongo", LifeboatConfig.Datastores::mongo, new MongoFamily()),
            new Kind<>("influx", LifeboatConfig.Datastores::influx, new InfluxFamily()),
            new Kind<>("minio", LifeboatConfig.Datastores::minio, new MinioFamily()));

    private DatastoreKinds() {
    }

    /**
     * One kind of datastore.
     *
     * @param name its key under {@code lifeboat.datastores}, also the datastore's name and folder in a set
     * @param mapping its configuration group, from the mapped configuration
     * @param family the rules and the factory of its family
     * @param <C> its configuration mapping
     */
    public record Kind<C>(String name, Function<LifeboatConfig.Datastores, Optional<C>> mapping, DatastoreFamily<C> family) {

        /** Its configuration prefix, {@code lifeboat.datastores.<name>}. */
        public String prefix() {
            return "lifeboat.datastores." + name;
        }

        /** Its configuration, when {@code config} configures it. */
        public Optional<Configured<C>> in(LifeboatConfig config) {
            return mapping.apply(config.datastores()).map(c -> new Configured<>(this, c));
        }
    }

    /**
     * A kind with its configuration.
     *
     * @param kind the kind
     * @param config its mapped configuration
     * @param <C> its configuration mapping
     */
    public record Configured<C>(Kind<C> kind, C config) {

        /** What its family finds wrong with the configuration; empty if nothing. */
        public List<String> problems() {
            return kind.family().problems(config, kind.prefix());
        }

        /** Whether it keeps a mirror, which needs the backup role's state identity. */
        public boolean keepsMirror() {
            return kind.family().keepsMirror(config);
        }

        /** The datastore, built by its family. */
        public Datastore open(DatastoreContext context) throws IOException {
            return kind.family().open(kind.name(), config, context);
        }
    }

    /** The configured datastores of {@code config}, in run order. */
    public static List<Configured<?>> configured(LifeboatConfig config) {
        return ALL.stream().<Configured<?>>flatMap(kind -> kind.in(config).stream()).toList();
    }
}
