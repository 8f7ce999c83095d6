package org.hl7gw.splitter;

import java.util.Objects;
import org.hl7gw.core.ControlId;

/**
 * What the gateway reads from a message's MSH: enough to route, track and acknowledge it, nothing about the
 * patient. Fields are given as written (components included), decoded as UTF-8 when valid, else ISO-8859-1.
 *
 * @param controlId MSH-10
 * @param type MSH-9, e.g. {@code ORU^R01^ORU_R01}
 * @param sendingApplication MSH-3 (may be empty)
 * @param sendingFacility MSH-4 (may be empty)
 * @param version MSH-12 (may be empty)
 * @param fieldSeparator MSH-1
 * @param encodingCharacters MSH-2 (4 or 5 characters)
 */
public record MessageHeader(ControlId controlId, String type, String sendingApplication, String sendingFacility,
                            String version, char fieldSeparator, String encodingCharacters) {
    public MessageHeader {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sendingApplication, "sendingApplication");
        Objects.requireNonNull(sendingFacility, "sendingFacility");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(encodingCharacters, "encodingCharacters");
    }
}
