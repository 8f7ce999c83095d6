/**
 * The parts of the FTPS server: TLS ({@link org.hl7gw.ftps.internal.ServerTls}, data sockets that require
 * {@code close_notify}), logins ({@code PartnerUserManager}), the jail ({@code JailFileSystemView},
 * {@code JailFile}), the command policy and the upload decision ({@code PartnerFtplet},
 * {@code ProtectionPolicy}, {@code UploadCompletion}, {@code AbortWatch}, {@code OpenWrites}). Not API.
 */
package org.hl7gw.ftps.internal;
