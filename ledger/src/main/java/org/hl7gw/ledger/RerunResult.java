package org.hl7gw.ledger;

import java.util.List;
import java.util.Objects;
import org.hl7gw.core.delivery.FileStatus;

/**
 * What {@link Ledger#prepareRerun} did.
 *
 * @param fileId the file
 * @param reset messages made PENDING again (FAILED, plus REJECTED when asked)
 * @param pending messages now waiting to be sent (those reset plus any still pending)
 * @param status the file's status now: QUEUED, or COMPLETED when nothing is left to send
 * @param destination where its messages go now
 * @param haltsCleared the lanes whose halt was cleared
 */
public record RerunResult(long fileId, int reset, int pending, FileStatus status, String destination, List<String> haltsCleared) {
    public RerunResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(destination, "destination");
        haltsCleared = List.copyOf(haltsCleared);
    }
}
