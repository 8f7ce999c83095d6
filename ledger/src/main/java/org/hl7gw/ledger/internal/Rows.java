package org.hl7gw.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptOutcome;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.SourceKind;
import org.hl7gw.ledger.AttemptView;
import org.hl7gw.ledger.DecryptionRecord;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.MessageRecord;

/** Column lists and row mappers for the ledger's tables. */
public final class Rows {
    private Rows() {
    }

    public static final String FILE_COLUMNS = "id, source_kind, source_id, original_name, size, sha256, received_at, status, "
            + "error, destination, batches, messages, delivered, rejected, failed, pending, duplicate_of, warnings, "
            + "pgp_signer_key_id, pgp_signer_fingerprint, pgp_details, pgp_warning, updated_at, finished_at";

    public static final String MESSAGE_COLUMNS = "id, file_id, seq, batch_no, control_id, message_type, sending_application, "
            + "sending_facility, status, attempts, ack_code, error, created_at, updated_at, settled_at, length, sha256, body_offset";

    /** Attempts joined with their message: {@code FROM attempts a JOIN messages m ON m.id = a.message_id}. */
    public static final String ATTEMPT_COLUMNS = "a.id, a.message_id, a.file_id, m.seq, m.control_id, a.attempt_no, "
            + "a.attempted_at, a.outcome, a.latency_micros, a.detail";

    public static FileRecord file(ResultSet rs) throws SQLException {
        String keyId = rs.getString("pgp_signer_key_id");
        String fingerprint = rs.getString("pgp_signer_fingerprint");
        String details = rs.getString("pgp_details");
        String warning = rs.getString("pgp_warning");
        DecryptionRecord decryption = keyId == null && fingerprint == null && details == null && warning == null
                ? null : new DecryptionRecord(keyId, fingerprint, details, warning);
        return new FileRecord(
                rs.getLong("id"),
                new FileSource(SourceKind.valueOf(rs.getString("source_kind").toUpperCase(Locale.ROOT)), rs.getString("source_id")),
                rs.getString("original_name"),
                rs.getLong("size"),
                new Sha256(rs.getString("sha256")),
                Sql.getInstant(rs, "received_at"),
                FileStatus.valueOf(rs.getString("status")),
                rs.getString("error"),
                rs.getString("destination"),
                rs.getInt("batches"),
                rs.getInt("messages"),
                rs.getInt("delivered"),
                rs.getInt("rejected"),
                rs.getInt("failed"),
                rs.getInt("pending"),
                Sql.getLongOrNull(rs, "duplicate_of"),
                rs.getString("warnings"),
                decryption,
                Sql.getInstant(rs, "updated_at"),
                Sql.getInstant(rs, "finished_at"));
    }

    public static MessageRecord message(ResultSet rs) throws SQLException {
        String ack = rs.getString("ack_code");
        return new MessageRecord(
                rs.getLong("id"),
                rs.getLong("file_id"),
                rs.getInt("seq"),
                rs.getInt("batch_no"),
                new ControlId(rs.getString("control_id")),
                rs.getString("message_type"),
                rs.getString("sending_application"),
                rs.getString("sending_facility"),
                MessageStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                ack == null ? null : AckCode.valueOf(ack),
                rs.getString("error"),
                Sql.getInstant(rs, "created_at"),
                Sql.getInstant(rs, "updated_at"),
                Sql.getInstant(rs, "settled_at"),
                rs.getInt("length"),
                new Sha256(rs.getString("sha256")),
                rs.getLong("body_offset"));
    }

    /** Maps a row selected with {@link #ATTEMPT_COLUMNS}. */
    public static AttemptView attempt(ResultSet rs) throws SQLException {
        return new AttemptView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getInt(4),
                new ControlId(rs.getString(5)),
                rs.getInt(6),
                Sql.getInstant(rs, "attempted_at"),
                AttemptOutcome.valueOf(rs.getString(8)),
                Duration.ofNanos(rs.getLong(9) * 1000),
                rs.getString(10));
    }
}
