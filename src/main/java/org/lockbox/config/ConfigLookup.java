package org.lockbox.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings by their configuration names (lockbox.tpm.host, db.kind, ...) for code that runs
 * without the server's MicroProfile Config, such as scripts/lockbox-admin: given values first,
 * then the defaults of META-INF/microprofile-config.properties, so that a default is written once.
 * {@code ${name}} in a value is expanded the same way.
 */
public final class ConfigLookup implements Function<String, Optional<String>> {

    private static final String DEFAULTS = "META-INF/microprofile-config.properties";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private final Function<String, Optional<String>> given;
    private final Properties defaults;

    private ConfigLookup(Function<String, Optional<String>> given) {
        this.given = given;
        this.defaults = packagedDefaults();
    }

    /**
     * The server's settings as a tool beside it sees them: a system property of the same name,
     * else the environment variable that MicroProfile Config maps to it (lockbox.tpm.host is
     * LOCKBOX_TPM_HOST, db.kind is DB_KIND), else the packaged default.
     */
    public static ConfigLookup environment() {
        return new ConfigLookup(name -> Optional.ofNullable(System.getProperty(name))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(name)))));
    }

    /** Settings looked up by {@code given} (blank means unset), then the packaged defaults. */
    public static ConfigLookup over(Function<String, Optional<String>> given) {
        return given instanceof ConfigLookup lookup ? lookup : new ConfigLookup(given);
    }

    /** Some settings given by name (blank means unset), then the packaged defaults. */
    public static ConfigLookup of(Map<String, String> values) {
        return new ConfigLookup(name -> Optional.ofNullable(values.get(name)));
    }

    /** The environment variable of a setting, as MicroProfile Config maps it. */
    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Optional<String> apply(String name) {
        return given.apply(name).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(defaults.getProperty(name)))
                .flatMap(this::expand);
    }

    /**
     * A {@link ConfigProperties} class filled from these settings, as the server's MicroProfile
     * Config fills it: each field by its {@link ConfigProperty} name under the class's prefix.
     */
    public <T> T bind(Class<T> type) {
        String prefix = type.getAnnotation(ConfigProperties.class).prefix();
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            T bound = constructor.newInstance();
            for (Field field : type.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String name = prefix + "." + property.name();
                field.setAccessible(true);
                field.set(bound, value(name, field.getGenericType()));
            }
            return bound;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot fill " + type.getSimpleName(), e);
        }
    }

    private Object value(String name, Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            Type inner = parameterized.getActualTypeArguments()[0];
            return apply(name).map(text -> convert(text, inner));
        }
        String text = apply(name).orElseThrow(() -> new IllegalArgumentException(
                "Set " + name + " (" + environmentName(name) + ")"));
        return convert(text, type);
    }

    private static Object convert(String text, Type type) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text.trim());
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(text.trim());
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(text.trim());
        }
        if (type == Duration.class) {
            return Duration.parse(text.trim());
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        throw new IllegalArgumentException("No conversion to " + type.getTypeName());
    }

    /** The value with each {@code ${name}} replaced; empty when one of them is unset. */
    private Optional<String> expand(String value) {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            Optional<String> inner = apply(matcher.group(1));
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(inner.get()));
        }
        matcher.appendTail(expanded);
        return Optional.of(expanded.toString());
    }

    private static Properties packagedDefaults() {
        Properties properties = new Properties();
        try (InputStream in = ConfigLookup.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, e);
        }
        return properties;
    }
}
