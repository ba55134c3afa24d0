package org.lifeboat.config;

import org.lifeboat.ConfigException;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads {@link LifeboatConfig} from one YAML file, with environment variables overriding it
 * ({@code LIFEBOAT_STORE_SFTP_HOST} overrides {@code lifeboat.store.sftp.host}). Unknown keys under
 * {@code lifeboat} and values of the wrong type are refused with the key's name. The role rule
 * (exactly one of {@code lifeboat.backup} and {@code lifeboat.restore}) is checked here too.
 *
 * <p>SmallRye Config, the library behind Quarkus configuration, is used directly rather than
 * through Quarkus start-up, so the file can be chosen on the command line and the same loader
 * runs in tests without booting Quarkus.
 */
public final class ConfigLoader {

    /** The environment variable that names the configuration file when --config is not given. */
    public static final String CONFIG_ENV = "LIFEBOAT_CONFIG";

    private ConfigLoader() {
    }

    /** Loads and checks the configuration in {@code file}, with {@code env} overriding it. */
    public static LifeboatConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new ConfigException("unable to read configuration file '" + file + "': " + e.getMessage(), e);
        }
        Map<String, String> overrides = new HashMap<>(env);
        overrides.remove(CONFIG_ENV);
        LifeboatConfig config;
        try {
            SmallRyeConfig smallrye = new SmallRyeConfigBuilder()
                    .withSources(yamlSource(file, yaml))
                    .withSources(new EnvConfigSource(overrides, 300))
                    .addDefaultInterceptors()
                    .withConverter(Boolean.class, 200, ConfigLoader::strictBoolean)
                    .withMapping(LifeboatConfig.class)
                    .withValidateUnknown(true)
                    .build();
            config = smallrye.getConfigMapping(LifeboatConfig.class);
        } catch (ConfigValidationException e) {
            throw new ConfigException(describe(file, e), e);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new ConfigException("configuration '" + file + "': " + ConfigProblems.oneLine(e.getMessage()), e);
        }
        RoleRules.check(config, file);
        return config;
    }

    /** Where the configuration is: {@code --config} if given, else {@value #CONFIG_ENV}. */
    public static Path locate(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new ConfigException("no configuration: give --config FILE or set " + CONFIG_ENV);
        }
        return Path.of(fromEnv);
    }

    /** The YAML file as a source; a file that is not YAML is refused naming it and the place. */
    private static YamlConfigSource yamlSource(Path file, String yaml) {
        try {
            return new YamlConfigSource(file.toString(), yaml, 100);
        } catch (RuntimeException e) { // SnakeYAML's parse errors: MarkedYAMLException and its kin
            throw new ConfigException("configuration '" + file + "' is not valid YAML: " + ConfigProblems.oneLine(e.getMessage()),
                    e);
        }
    }

    /**
     * {@code true} or {@code false}, nothing else: SmallRye's own converter reads any other word
     * (a typo such as {@code maybe}) as false with only a warning.
     */
    private static Boolean strictBoolean(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
        };
    }

    private static String describe(Path file, ConfigValidationException e) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            problems.add(ConfigProblems.oneLine(e.getProblem(i).getMessage()));
        }
        return "configuration '" + file + "': " + String.join("; ", problems);
    }
}
