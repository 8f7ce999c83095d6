package org.hl7gw.gateway.cli;

import java.time.Duration;
import org.hl7gw.core.Durations;
import picocli.CommandLine;

/** Durations on the command line: {@code 20ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
