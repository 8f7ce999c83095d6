/**
 * The SFTP server partners upload their HL7 batch files to: {@link org.hl7gw.sftp.PartnerSftpServer}, configured by
 * {@link org.hl7gw.sftp.SftpServerSettings}, authenticating against a
 * {@link org.hl7gw.core.partner.PartnerDirectory} and telling an {@link org.hl7gw.core.partner.UploadHandler} when an
 * inbox file is completely uploaded (or when an upload was cut off).
 *
 * <p>Everything else (the jail, the folder rules, the upload tracking, the login brakes, the algorithm lists, the
 * host keys) is in {@code org.hl7gw.sftp.internal}.
 */
package org.hl7gw.sftp;
