package org.hl7gw.mllp.ack;

import org.hl7gw.core.GatewayException;

/**
 * What came back is not a usable acknowledgement. The message names the reason and segment or field names,
 * never field values.
 */
public class InvalidAckException extends GatewayException {
    private static final long serialVersionUID = 1L;

    /** Why an acknowledgement was refused. */
    public enum Reason {
        /** The bytes on the wire were not a well-formed MLLP frame. */
        BAD_FRAMING,
        /** The frame was longer than the maximum. */
        FRAME_TOO_LONG,
        /** The frame is empty. */
        EMPTY,
        /** The first segment is not MSH. */
        NO_MSH,
        /** MSH is too short to carry its field separator and encoding characters. */
        BAD_MSH,
        /** No MSA segment. */
        NO_MSA,
        /** MSA-1 is none of AA, AE, AR, CA, CE, CR. */
        UNKNOWN_CODE,
        /** MSA-2 is empty. */
        NO_CONTROL_ID,
        /** MSA-2 is longer than a control ID can be. */
        CONTROL_ID_TOO_LONG
    }

    private final Reason reason;

    public InvalidAckException(Reason reason, String detail) {
        super("invalid ACK (" + reason + "): " + detail);
        this.reason = reason;
    }

    public InvalidAckException(Reason reason, String detail, Throwable cause) {
        super("invalid ACK (" + reason + "): " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
