/**
 * The FTPS server partners upload their HL7 v2 batch files to: {@link org.hl7gw.ftps.PartnerFtpsServer}, built
 * from {@link org.hl7gw.ftps.FtpsServerSettings}, a {@link org.hl7gw.core.partner.PartnerDirectory} (password
 * logins) and an {@link org.hl7gw.core.partner.UploadHandler} (told about completed and interrupted uploads).
 *
 * <h2>What a partner sees</h2>
 * <ul>
 *   <li>TLS only: explicit ({@code AUTH TLS}; {@code USER}/{@code PASS} before it get 530) or implicit; TLS 1.3
 *       and 1.2; data connections only with {@code PROT P} (other levels 534, transfers without it 521).</li>
 *   <li>Passive mode only ({@code PORT}/{@code EPRT}: 502): the server never connects to an address a client
 *       names, the firewall needs only the control port and the passive range. The data connection must come
 *       from the control connection's address.</li>
 *   <li>A jail: {@code /inbox} (upload with STOR/STOU/APPE/REST, rename and delete temporary uploads) and
 *       {@code /outbox} (list, download, delete). Nothing else, no folders made by partners, no symbolic links
 *       (a link anywhere on a path makes it not exist, whatever it points to).</li>
 * </ul>
 *
 * <h2>When an upload is handed on</h2>
 * Only after {@code STOR}, {@code STOU} or {@code APPE} was answered 226, no {@code ABOR} arrived meanwhile, the
 * name is not temporary ({@code *.part}, {@code *.tmp}, {@code *.filepart}, leading dot; a later rename to a
 * final name hands it on) and no newer session writes the same name. Anything else that had opened the file is
 * reported with {@code interrupted()} and left in place.
 *
 * <h2>Pitfalls this module works around (JDK 17, Apache FtpServer 1.2.1)</h2>
 * <ul>
 *   <li>The JDK reads a TCP FIN without TLS {@code close_notify} as a normal end of stream: a killed client's
 *       upload would be answered 226. Data sockets here fail that read (426).</li>
 *   <li>The JDK's TLS 1.3 NewSessionTicket, never read by uploading clients, makes their kernel reset the
 *       connection at close and drop the tail of the upload. No tickets are sent.</li>
 *   <li>The JDK's TLS 1.3 close sends {@code user_canceled}, which GnuTLS (lftp) takes for fatal. Data sockets
 *       send {@code close_notify} alone.</li>
 *   <li>Apache FtpServer runs a session's commands in order, so {@code ABOR} waits behind the upload; it is
 *       watched for as it arrives.</li>
 * </ul>
 * A client that stops an upload on purpose and still closes TLS cleanly without {@code ABOR} (curl's
 * {@code --max-time}) cannot be told from a complete upload by any FTPS server (stream-mode FTP carries no
 * length); downstream validation of batch trailers catches such files.
 */
package org.hl7gw.ftps;
