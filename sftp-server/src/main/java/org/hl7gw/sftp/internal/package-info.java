/**
 * How the partner SFTP server works, one job per class:
 * <ul>
 * <li>{@code HostKeys}: load or create the host keys; {@code ModernAlgorithms}: the only algorithms offered.</li>
 * <li>{@code LoginGuard}: password and public-key logins with logging, delay and limit;
 * {@code PartnerSessions}: which partner a session belongs to, its home prepared at login.</li>
 * <li>{@code JailedFileSystemFactory}: a rooted file system per SFTP channel; {@code PartnerFileAccessor}: every
 * file operation checked against {@code FolderPolicy} (what may be done where) and {@code PartnerHome} (no symbolic
 * links); {@code Location}: where a path points inside a home.</li>
 * <li>{@code UploadEventListener}: MINA's SFTP events into {@code UploadTracker} (when is an upload complete,
 * interrupted, renamed; {@code TemporaryNames}); {@code HandOff}: the calls to the UploadHandler on their own
 * thread.</li>
 * </ul>
 */
package org.hl7gw.sftp.internal;
