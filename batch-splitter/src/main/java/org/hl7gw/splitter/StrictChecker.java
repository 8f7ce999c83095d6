package org.hl7gw.splitter;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code --strict} check: parses each message with HAPI (with its default validation rules) and reports
 * what HAPI rejects. Splitting itself needs no HAPI; this is an extra opinion about the messages' contents.
 *
 * <p>HAPI's error texts can quote field values, which are protected health information; they are removed
 * here (anything in quotes becomes {@code <value>}), keeping HAPI's location and reason.
 */
public final class StrictChecker implements AutoCloseable {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private final HapiContext context;
    private final PipeParser parser;

    public StrictChecker() {
        this.context = new DefaultHapiContext(ValidationContextFactory.defaultValidation());
        this.parser = context.getPipeParser();
    }

    /** What HAPI rejects in the message, or empty when it parses. Needs the message's bytes. */
    public Optional<Problem> check(SplitMessage message) {
        if (message.bytes().length == 0) {
            throw new IllegalArgumentException("the strict check needs the message bytes: read the file with split, not validate");
        }
        String text = new String(message.bytes(), StandardCharsets.ISO_8859_1);
        try {
            parser.parse(text);
            return Optional.empty();
        } catch (HL7Exception e) {
            return Optional.of(problem(message, e));
        } catch (RuntimeException e) {
            // HAPI throws unchecked exceptions on some malformed input
            return Optional.of(new Problem(message.line(), message.offset(), "MSH", prefix(message)
                    + e.getClass().getSimpleName() + ": " + scrub(String.valueOf(e.getMessage()))));
        }
    }

    /** A sink that checks every message and adds what HAPI rejects to the list. */
    public MessageSink checking(MessageSink next, java.util.List<Problem> into) {
        return new MessageSink() {
            @Override
            public void message(SplitMessage m) throws java.io.IOException {
                check(m).ifPresent(into::add);
                next.message(m);
            }

            @Override
            public void finish(BatchReport report) throws java.io.IOException {
                next.finish(report);
            }
        };
    }

    private static Problem problem(SplitMessage m, HL7Exception e) {
        Location where = e.getLocation();
        String segment = where != null && where.getSegmentName() != null ? where.getSegmentName() : "MSH";
        String place = where != null && where.getSegmentName() != null ? " at " + describe(where) : "";
        String reason = scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new Problem(m.line(), m.offset(), segment, prefix(m) + reason + place);
    }

    private static String describe(Location where) {
        StringBuilder sb = new StringBuilder(where.getSegmentName());
        if (where.getField() > 0) {
            sb.append('-').append(where.getField());
            if (where.getComponent() > 0) {
                sb.append('.').append(where.getComponent());
            }
        }
        return sb.toString();
    }

    private static String prefix(SplitMessage m) {
        return "HAPI rejects message " + m.seq() + " (control ID " + m.header().controlId() + "): ";
    }

    static String scrub(String text) {
        String s = QUOTED.matcher(text).replaceAll("<value>");
        // HAPI sometimes appends the raw segment after a colon; keep the reason only
        int newline = s.indexOf('\n');
        if (newline >= 0) {
            s = s.substring(0, newline);
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (java.io.IOException e) {
            // nothing held that matters
        }
    }
}
