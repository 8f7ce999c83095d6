package org.hl7gw.mllp.ack;

import java.util.Objects;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AckCode;

/**
 * An acknowledgement as read from its MSA (and ERR) segment.
 *
 * <p>{@code textMessage} and {@code errorCode} are the receiver's words, kept short. They are not message
 * content, but they are free text: log them at DEBUG only, and at INFO and above log just the code and the
 * control ID.
 *
 * @param code MSA-1
 * @param acknowledgedControlId MSA-2 (its first component): the MSH-10 of the message it acknowledges
 * @param textMessage MSA-3, at most {@value #MAX_TEXT} characters; empty when absent
 * @param errorCode ERR-3 (v2.5+) or MSA-6 (before v2.5), first component; empty when absent
 */
public record Ack(AckCode code, ControlId acknowledgedControlId, String textMessage, String errorCode) {
    /** Longest MSA-3 text kept. */
    public static final int MAX_TEXT = 80;

    public Ack {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(acknowledgedControlId, "acknowledgedControlId");
        textMessage = textMessage == null ? "" : textMessage;
        errorCode = errorCode == null ? "" : errorCode;
        if (textMessage.length() > MAX_TEXT) {
            textMessage = textMessage.substring(0, MAX_TEXT);
        }
    }

    public static Ack of(AckCode code, ControlId acknowledgedControlId) {
        return new Ack(code, acknowledgedControlId, "", "");
    }

    /** True when this acknowledges the given message. */
    public boolean acknowledges(ControlId controlId) {
        return acknowledgedControlId.equals(controlId);
    }

    /** "AE", "AE (207)", "AE (207): Unknown facility": for ledger details, not for INFO logs. */
    public String describe() {
        StringBuilder s = new StringBuilder(code.name());
        if (!errorCode.isEmpty()) {
            s.append(" (").append(errorCode).append(')');
        }
        if (!textMessage.isEmpty()) {
            s.append(": ").append(textMessage);
        }
        return s.toString();
    }
}
