package org.hl7gw.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7gw.core.ByteSizes;
import org.hl7gw.core.Durations;
import org.hl7gw.core.Secret;

/**
 * One mapping of the YAML configuration, read key by key with its path ({@code partners[1].pgp.signers[0]}),
 * so that every problem names the key at fault. Keys that nobody read are reported as unknown by
 * {@link #finish()}: a typo is a boot error, not a silently ignored setting.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final Path baseDir;
    private final ConfigProblems problems;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigNode(JsonNode node, String path, Path baseDir, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.baseDir = baseDir;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        if (key.isEmpty()) {
            return path.isEmpty() ? "(top level)" : path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String reason) {
        problems.add(keyPath(key), reason);
    }

    boolean has(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode value(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    Optional<String> string(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            problem(key, "expected a single value, found a " + (v.isArray() ? "list" : "mapping"));
            return Optional.empty();
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    String requiredString(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty() && node.get(key) == null) {
            problem(key, "is required");
        }
        return s.orElse(null);
    }

    <T> T parsed(String key, T fallback, String expected, Function<String, T> parse) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return parse.apply(s.get());
        } catch (RuntimeException e) {
            problem(key, e.getMessage() != null ? e.getMessage() : "expected " + expected);
            return fallback;
        }
    }

    Duration duration(String key, Duration fallback) {
        return parsed(key, fallback, "a duration", Durations::parse);
    }

    long size(String key, long fallback) {
        return parsed(key, fallback, "a size", ByteSizes::parse);
    }

    int integer(String key, int fallback, int min, int max) {
        return number(key, fallback, min, max, "a whole number", Integer::valueOf);
    }

    double decimal(String key, double fallback, double min, double max) {
        return number(key, fallback, min, max, "a number", Double::valueOf);
    }

    /** A number within [min, max]; otherwise a problem is recorded and the fallback taken. */
    private <T extends Number & Comparable<T>> T number(String key, T fallback, T min, T max, String expected, Function<String, T> parse) {
        T n = parsed(key, fallback, expected, s -> {
            try {
                return parse.apply(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not " + expected);
            }
        });
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            problem(key, "must be between " + min + " and " + max + ", got " + n);
            return fallback;
        }
        return n;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        problem(key, "expected true or false, found '" + v.asText() + "'");
        return fallback;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        String wanted = s.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(key, "'" + s.get() + "' is not one of " + String.join(", ", names));
        return fallback;
    }

    /** A path relative to the configuration file's folder; when {@code mustExist}, a missing file is a problem. */
    Optional<Path> file(String key, boolean mustExist) {
        return string(key).map(s -> resolveFile(keyPath(key), s, mustExist));
    }

    Path resolve(String text) {
        return baseDir.resolve(text).normalize();
    }

    private Path resolveFile(String keyPath, String text, boolean mustExist) {
        Path p = resolve(text);
        if (mustExist && !Files.isRegularFile(p)) {
            problems.add(keyPath, "file not found: " + p);
        } else if (mustExist && !Files.isReadable(p)) {
            problems.add(keyPath, "file not readable: " + p);
        }
        return p;
    }

    /** A list of strings; a single string is taken as a list of one. */
    List<String> strings(String key) {
        JsonNode v = value(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(v.asText().strip());
            return out;
        }
        if (!v.isArray()) {
            problem(key, "expected a list");
            return out;
        }
        int i = 0;
        for (JsonNode item : v) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                problems.add(keyPath(key) + "[" + i + "]", "expected a non-empty value");
            } else {
                out.add(item.asText().strip());
            }
            i++;
        }
        return out;
    }

    List<Path> files(String key, boolean mustExist) {
        List<Path> out = new ArrayList<>();
        List<String> names = strings(key);
        for (int i = 0; i < names.size(); i++) {
            out.add(resolveFile(keyPath(key) + "[" + i + "]", names.get(i), mustExist));
        }
        return out;
    }

    /** A secret reference: {@code { env: VAR }} or {@code { file: PATH }}; a plain value is refused. */
    Optional<Secret> secret(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(key, "secrets are never written inline: use { env: VARIABLE } or { file: PATH }");
            return Optional.empty();
        }
        ConfigNode s = new ConfigNode(v, keyPath(key), baseDir, problems);
        Optional<String> env = s.string("env");
        Optional<String> file = s.string("file");
        s.finish();
        if (env.isPresent() == file.isPresent()) {
            problem(key, "give exactly one of env or file");
            return Optional.empty();
        }
        if (env.isPresent()) {
            if (System.getenv(env.get()) == null) {
                problems.add(keyPath(key) + ".env", "environment variable " + env.get() + " is not set");
            }
            return Optional.of(Secret.env(env.get()));
        }
        Path p = resolveFile(keyPath(key) + ".file", file.get(), true);
        return Optional.of(Secret.file(p));
    }

    Optional<ConfigNode> child(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(key, "expected a mapping of keys");
            return Optional.empty();
        }
        return Optional.of(new ConfigNode(v, keyPath(key), baseDir, problems));
    }

    /** A list of mappings ({@code partners:}, {@code destinations:} ...). */
    List<ConfigNode> children(String key) {
        JsonNode v = value(key);
        List<ConfigNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "expected a list");
            return out;
        }
        int i = 0;
        for (JsonNode item : v) {
            String p = keyPath(key) + "[" + i++ + "]";
            if (!item.isObject()) {
                problems.add(p, "expected a mapping of keys");
            } else {
                out.add(new ConfigNode(item, p, baseDir, problems));
            }
        }
        return out;
    }

    /** Reports keys present in the file that no reader asked for. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                problems.add(keyPath(k), "unknown key" + (read.isEmpty() ? "" : " (expected one of: " + String.join(", ", read) + ")"));
            }
        }
    }
}
