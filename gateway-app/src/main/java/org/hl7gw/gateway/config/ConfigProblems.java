package org.hl7gw.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.core.ConfigurationException;

/** Everything wrong with a configuration file, collected so that one start shows all of it. */
final class ConfigProblems {
    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private String firstKey;

    ConfigProblems(Path file) {
        this.file = file;
    }

    void add(String key, String reason) {
        if (firstKey == null) {
            firstKey = key;
        }
        lines.add(key + ": " + reason);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Throws when anything was wrong, naming every key at fault. */
    void throwIfAny() {
        if (lines.isEmpty()) {
            return;
        }
        String detail = lines.size() == 1 ? lines.get(0)
                : lines.size() + " problems:\n  " + String.join("\n  ", lines);
        throw new InvalidConfigurationException(file, firstKey, detail, List.copyOf(lines));
    }

    /** The configuration cannot be used; {@link #problems()} lists each key and why. */
    public static final class InvalidConfigurationException extends ConfigurationException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;
        private final String message;

        InvalidConfigurationException(Path file, String key, String detail, List<String> problems) {
            super(key, detail);
            this.problems = problems;
            this.message = "invalid configuration " + file + ": " + detail;
        }

        public List<String> problems() {
            return problems;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
