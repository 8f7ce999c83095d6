package org.hl7gw.gateway.cli;

import org.hl7gw.core.ByteSizes;
import org.hl7gw.splitter.CountMismatchPolicy;
import org.hl7gw.splitter.SplitterSettings;
import picocli.CommandLine.Option;

/** How strictly files are read: shared by validate, split, send and rerun. */
public final class ValidationOptions {

    @Option(names = "--count-mismatch", paramLabel = "reject|warn", defaultValue = "reject",
            converter = CountMismatchConverter.class,
            description = "What a wrong BTS-1/FTS-1 count does: reject the file (default) or pass it with a warning.")
    CountMismatchPolicy countMismatch = CountMismatchPolicy.REJECT;

    @Option(names = "--max-message-size", paramLabel = "SIZE", defaultValue = "16MB",
            description = "Largest message accepted (default ${DEFAULT-VALUE}; KB, MB, GB).")
    String maxMessageSize = "16MB";

    @Option(names = "--max-segment-length", paramLabel = "SIZE", defaultValue = "16MB",
            description = "Longest segment accepted (default ${DEFAULT-VALUE}).")
    String maxSegmentLength = "16MB";

    public SplitterSettings settings() {
        return SplitterSettings.defaults()
                .withCountMismatch(countMismatch)
                .withLimits(size("--max-segment-length", maxSegmentLength), size("--max-message-size", maxMessageSize));
    }

    private static int size(String option, String text) {
        long n;
        try {
            n = ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        if (n < 64 || n > Integer.MAX_VALUE - 64) {
            throw new UsageException(option + ": must be between 64 bytes and 2 GB, got " + text);
        }
        return (int) n;
    }

    /** Accepts reject/warn in any case, with a clear message otherwise. */
    public static final class CountMismatchConverter implements picocli.CommandLine.ITypeConverter<CountMismatchPolicy> {
        @Override
        public CountMismatchPolicy convert(String value) {
            try {
                return CountMismatchPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
