package org.hl7gw.ftps.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;

/**
 * Which commands the server refuses before Apache FtpServer runs them, and with which reply. Apache FtpServer
 * lets a client log in over a plain-text control connection and move data over a plain-text data connection
 * unless told otherwise; this policy tells it otherwise:
 * <ul>
 *   <li>{@code USER} and {@code PASS} before {@code AUTH TLS}: 530 (and {@code PBSZ}/{@code PROT}: 503).</li>
 *   <li>{@code PROT} other than {@code P}: 534 (policy).</li>
 *   <li>Any transfer or listing while the data connection is not protected (no {@code PROT P} yet): 521.</li>
 *   <li>Active mode ({@code PORT}, {@code EPRT}): 502. Passive mode only: the server never connects out to an
 *       address a client names (no FTP bounce), and firewalls need only the passive range open.</li>
 *   <li>{@code MODE} other than {@code S} (no {@code MODE Z} deflate): 504; {@code SITE}: 502.</li>
 * </ul>
 */
final class ProtectionPolicy {
    private static final Set<String> DATA_COMMANDS = Set.of("LIST", "NLST", "MLSD", "RETR", "STOR", "STOU", "APPE");

    /** The state of a session that the policy looks at. */
    record SessionState(boolean controlProtected, boolean dataProtected) {
    }

    Optional<FtpReply> refusal(String command, String argument, SessionState state) {
        String arg = argument == null ? "" : argument.strip().toUpperCase(Locale.ROOT);
        if (!state.controlProtected()) {
            switch (command) {
                case "USER", "PASS" -> {
                    return reply(530, "Plain-text login refused: secure the connection with AUTH TLS first.");
                }
                case "PBSZ", "PROT" -> {
                    return reply(503, "Send AUTH TLS first.");
                }
                default -> {
                    // AUTH, QUIT: Apache answers; everything else needs a login, which needs TLS
                }
            }
        }
        switch (command) {
            case "PORT", "EPRT" -> {
                return reply(502, "Active mode is not offered: use passive mode (PASV or EPSV).");
            }
            case "PROT" -> {
                if (!arg.equals("P")) {
                    return reply(534, "Only PROT P is allowed: data connections must be protected by TLS.");
                }
            }
            case "MODE" -> {
                if (!arg.equals("S")) {
                    return reply(504, "Only MODE S (stream) is offered.");
                }
            }
            case "SITE" -> {
                return reply(502, "SITE commands are not offered.");
            }
            default -> {
                if (DATA_COMMANDS.contains(command) && !state.dataProtected()) {
                    return reply(521, "Data connections must be protected: send PBSZ 0 and PROT P first.");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<FtpReply> reply(int code, String text) {
        return Optional.of(new DefaultFtpReply(code, text));
    }
}
