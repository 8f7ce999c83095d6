package org.hl7gw.splitter.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hl7gw.core.ControlId;
import org.hl7gw.splitter.MessageHeader;

/**
 * What one MSH segment says, read from its bytes alone: the header, or why it is unusable. It depends on
 * nothing else in the file, so it can be read ahead of the parser (on the reading thread).
 *
 * @param header the header, or null when {@code errors} is not empty
 * @param warning a warning to report, or null
 * @param errors what is wrong, in the order found
 */
record MshReading(MessageHeader header, String warning, List<String> errors) {

    /** Reads the MSH segment {@code b[off, off + len)} (its terminator excluded). */
    static MshReading of(byte[] b, int off, int len) {
        if (len < 4 || !Ascii.validSeparator(b[off + 3])) {
            return failed(List.of("MSH must be followed by its field separator (MSH-1)"));
        }
        byte sep = b[off + 3];
        Fields fields = new Fields(b, off, len, sep);
        // MSH-2 is the first piece after "MSH|"
        int encFrom = fields.has(1) ? fields.start(1) : -1;
        int encLen = encFrom < 0 ? 0 : fields.end(1) - encFrom;
        String encodingProblem = checkEncodingCharacters(b, encFrom, encLen);
        if (encodingProblem != null) {
            return failed(List.of(encodingProblem));
        }
        String warning = hasRepeats(b, encFrom, encLen)
                // ambiguous for a parser, harmless for splitting: the receiver decides
                ? "MSH-2 repeats an encoding character ('" + Ascii.printableRun(b, encFrom, encLen)
                        + "'); receivers may parse this message differently"
                : null;
        String type = fields.headerText(9);
        String controlId = fields.headerText(10);
        String typeError = type.isBlank() ? "MSH-9 (message type) is empty; expected e.g. ORU^R01" : null;
        String controlIdError = controlId.isBlank() ? "MSH-10 (message control ID) is empty; every message needs one to be acknowledged"
                : controlId.length() > ControlId.MAX_LENGTH ? "MSH-10 (message control ID) is " + controlId.length()
                        + " characters long; at most " + ControlId.MAX_LENGTH + " expected"
                : null;
        if (typeError != null || controlIdError != null) {
            return new MshReading(null, warning, Stream.of(typeError, controlIdError).filter(Objects::nonNull).toList());
        }
        MessageHeader header = new MessageHeader(new ControlId(controlId), type, fields.headerText(3), fields.headerText(4),
                fields.headerText(12), (char) (sep & 0xFF), new String(b, encFrom, encLen, StandardCharsets.ISO_8859_1));
        return new MshReading(header, warning, List.of());
    }

    private static MshReading failed(List<String> errors) {
        return new MshReading(null, null, errors);
    }

    /** Null when MSH-2 ({@code len} bytes at {@code from}, -1 when absent) holds 4 or 5 punctuation characters. */
    private static String checkEncodingCharacters(byte[] b, int from, int len) {
        if (len < 4 || len > 5) {
            return "MSH-2 must hold 4 or 5 encoding characters (component, repetition, escape, subcomponent, and from v2.7 truncation); found "
                    + len + (len == 0 ? "" : " ('" + Ascii.printableRun(b, from, len) + "')");
        }
        for (int i = from; i < from + len; i++) {
            if (!Ascii.validSeparator(b[i])) {
                return "MSH-2 encoding characters must be punctuation; found '" + Ascii.printableRun(b, from, len) + "'";
            }
        }
        return null;
    }

    private static boolean hasRepeats(byte[] b, int from, int len) {
        for (int i = from + 1; i < from + len; i++) {
            for (int j = from; j < i; j++) {
                if (b[j] == b[i]) {
                    return true;
                }
            }
        }
        return false;
    }
}
