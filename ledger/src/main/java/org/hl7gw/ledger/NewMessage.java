package org.hl7gw.ledger;

import java.util.Objects;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.ledger.internal.Sql;

/**
 * A message split from a file, as {@link MessageStager#add} records it. MSH-9, MSH-3 and MSH-4 are kept for
 * operators only: longer values than their columns are clipped, and they may be null.
 *
 * @param seq 1-based position in the file; a stager takes 1, 2, 3... in order
 * @param batchNo 1-based batch (BHS) it came in
 * @param controlId MSH-10
 * @param messageType MSH-9, e.g. "ORU^R01^ORU_R01"
 * @param sendingApplication MSH-3
 * @param sendingFacility MSH-4
 * @param length its size in bytes as sent
 * @param sha256 digest of the exact bytes sent
 * @param bodyOffset where the bytes sit in the gateway's work spool (the ledger does not interpret it)
 */
public record NewMessage(int seq, int batchNo, ControlId controlId, String messageType, String sendingApplication,
                         String sendingFacility, int length, Sha256 sha256, long bodyOffset) {

    public static final int MESSAGE_TYPE_MAX = 64;
    public static final int SENDER_MAX = 255;

    public NewMessage {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(sha256, "sha256");
        if (seq < 1) {
            throw new IllegalArgumentException("seq is 1-based: " + seq);
        }
        if (batchNo < 1) {
            throw new IllegalArgumentException("batchNo is 1-based: " + batchNo);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length cannot be negative: " + length);
        }
        if (bodyOffset < 0) {
            throw new IllegalArgumentException("bodyOffset cannot be negative: " + bodyOffset);
        }
        messageType = Sql.clip(messageType, MESSAGE_TYPE_MAX);
        sendingApplication = Sql.clip(sendingApplication, SENDER_MAX);
        sendingFacility = Sql.clip(sendingFacility, SENDER_MAX);
    }
}
