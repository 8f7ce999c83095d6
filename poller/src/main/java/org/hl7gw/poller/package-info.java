/**
 * Scheduled pickup of HL7 batch files from remote SFTP, FTP/FTPS or local folders into the gateway's intake.
 *
 * <p>API: {@link org.hl7gw.poller.PollerSettings} (validated configuration), {@link org.hl7gw.poller.Poller}
 * ({@code run()} performs one run) and {@link org.hl7gw.poller.PollReport} (what it saw and did). FTPS needs JVM
 * options for TLS session reuse: {@link org.hl7gw.poller.FtpsSessionReuse}. Protocol clients live in
 * {@code sftp}, {@code ftp} and {@code local}; the run itself in {@code internal}.
 */
package org.hl7gw.poller;
