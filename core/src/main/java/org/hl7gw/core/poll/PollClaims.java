package org.hl7gw.core.poll;

import java.util.Optional;
import org.hl7gw.core.Sha256;

/**
 * Who took which remote file, kept in the gateway's database so that no file is taken twice: not by two
 * pollers pointed at the same folder, not after a restart, not when the after-action is {@code leave}.
 *
 * <p>A poller claims a file before downloading it; the claim is keyed by (location, path, size, modified),
 * so a file that is later replaced by a new one (other size or time) can be taken again. A claim that
 * did not end in the ledger is released, so the next run retries it.
 */
public interface PollClaims {

    /** Claims a file for a poller; empty when another poller holds it or it was taken before. */
    Optional<Claim> claim(String pollerId, RemoteFile file);

    /** The file was recorded in the ledger (as ledger file {@code fileId}); it will never be claimed again. */
    void taken(Claim claim, Sha256 sha256, long fileId);

    /** The download or intake failed; the file may be claimed again by a later run. */
    void release(Claim claim);

    /** Whether a file (same location, path, size and time) was already taken. */
    boolean wasTaken(RemoteFile file);

    /** A held claim. */
    record Claim(long id, String pollerId, RemoteFile file) {
    }
}
