package org.hl7gw.core.intake;

import java.io.IOException;

/**
 * The one way into the gateway, shared by the SFTP and FTPS servers, the pollers and the CLI: archive the
 * original, record it in the ledger, then decrypt, validate, split and queue it.
 *
 * <p>When {@link #accept} returns, the file is in the archive and the ledger (whatever its status), so the
 * caller may delete or move its own copy. It throws only when the file could not even be recorded (disk
 * full, database down); then the caller keeps its copy and tries again later.
 */
public interface Intake {

    IntakeReceipt accept(IncomingFile file) throws IOException;
}
