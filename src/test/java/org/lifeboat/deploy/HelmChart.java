package org.lifeboat.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart in {@code chart/} under real Helm (helm-java embeds Helm 3): lint and template with a
 * values file, and the rendered documents parsed into the fabric8 Kubernetes model, refusing any
 * field the Kubernetes API does not have.
 */
final class HelmChart {

    static final Path REPO = Path.of(System.getProperty("user.dir"));
    static final Path CHART = REPO.resolve("chart");
    static final Path PRODUCTION = REPO.resolve("helm-values/values-production.yaml");
    static final Path STAGING = REPO.resolve("helm-values/values-staging.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    private HelmChart() {
    }

    /** The rendered objects of one release. */
    record Rendered(List<CronJob> cronJobs, List<ConfigMap> configMaps) {
        ConfigMap configMap() {
            if (configMaps.size() != 1) {
                throw new AssertionError("expected one ConfigMap, rendered " + configMaps.size());
            }
            return configMaps.get(0);
        }
    }

    /**
     * {@code helm lint --strict} of the chart with {@code values} as its values: lint takes no
     * {@code -f}, so a copy of the chart gets the chart's defaults with {@code values} appended.
     */
    static LintResult lint(Path values, Path work) throws IOException {
        Path copy = work.resolve("lifeboat");
        copyTree(CHART, copy);
        Map<String, Object> merged = YAML.readValue(CHART.resolve("values.yaml").toFile(), MAP);
        deepMerge(merged, YAML.readValue(values.toFile(), MAP));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return new Helm(copy).lint().strict().call();
    }

    /** Helm's merge of a values file over the chart's: maps merge, anything else replaces. */
    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> over) {
        over.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && into.get(key) instanceof Map<?, ?> existing) {
                deepMerge((Map<String, Object>) existing, (Map<String, Object>) m);
            } else {
                into.put(key, value);
            }
        });
    }

    /** {@code helm template} of release {@code lifeboat} with {@code values} and {@code --set}s. */
    static String template(Path values, Map<String, Object> sets) {
        TemplateCommand template = new Helm(CHART).template().withName("lifeboat").withNamespace("production")
                .withKubeVersion("1.30.0").withValuesFile(values);
        sets.forEach(template::set);
        return template.call();
    }

    /** The documents of {@code manifest}, each parsed into its typed model. */
    static Rendered parse(String manifest) throws IOException {
        List<CronJob> cronJobs = new ArrayList<>();
        List<ConfigMap> configMaps = new ArrayList<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            Map<?, ?> raw = YAML.readValue(document, Map.class);
            HasMetadata object = switch (String.valueOf(raw.get("kind"))) {
                case "CronJob" -> YAML.readValue(document, CronJob.class);
                case "ConfigMap" -> YAML.readValue(document, ConfigMap.class);
                default -> throw new AssertionError("unexpected kind " + raw.get("kind") + " in\n" + document);
            };
            requireKnownFields(object, object.getKind() + " " + object.getMetadata().getName());
            if (object instanceof CronJob c) {
                cronJobs.add(c);
            } else {
                configMaps.add((ConfigMap) object);
            }
        }
        return new Rendered(cronJobs, configMaps);
    }

    /**
     * The fabric8 model keeps fields it does not know in {@code additionalProperties} instead of
     * failing; a field there is one the Kubernetes API would reject (or drop), so it fails here.
     */
    private static void requireKnownFields(Object object, String where) {
        if (object instanceof Collection<?> list) {
            list.forEach(item -> requireKnownFields(item, where));
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.values().forEach(item -> requireKnownFields(item, where));
            return;
        }
        if (!(object instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(where + ": fields unknown to the Kubernetes API in "
                            + object.getClass().getSimpleName() + ": " + extra.keySet());
                }
            } else {
                requireKnownFields(value, where);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
