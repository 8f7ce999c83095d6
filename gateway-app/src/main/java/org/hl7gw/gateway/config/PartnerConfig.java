package org.hl7gw.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.gateway.intake.PayloadOpener;
import org.hl7gw.gateway.partners.PasswordHash;
import org.hl7gw.splitter.SplitterSettings;

/**
 * A partner as configured, checked and ready: its account and jail, how it logs in, which uploads are taken,
 * how its files are opened and read, where its messages go, and which results it gets back.
 *
 * @param account login and home folder
 * @param authorizedKeys OpenSSH authorized_keys file (SFTP key login), if any
 * @param passwordHash bcrypt or PBKDF2 hash (SFTP and FTPS password login), if any
 * @param files glob patterns of the inbox file names that are taken (others are left alone)
 * @param opener decryption and verification for its files
 * @param splitter how strictly its files are read
 * @param destination the destination id its messages go to
 * @param results what is written to its outbox for each processed file
 */
public record PartnerConfig(PartnerAccount account, Optional<Path> authorizedKeys, Optional<PasswordHash> passwordHash, List<String> files,
                            PayloadOpener opener, SplitterSettings splitter, String destination, Set<ResultKind> results) {

    /** What a partner gets back in its outbox. */
    public enum ResultKind {
        /** {@code NAME.result.json}: status, counts, errors per message. */
        JSON,
        /** {@code NAME.ack.hl7}: an HL7 batch acknowledgement (FHS, BHS, an ACK per message not accepted, BTS, FTS). */
        HL7_ACK
    }

    public PartnerConfig {
        Objects.requireNonNull(account, "account");
        files = List.copyOf(files);
        results = Set.copyOf(results);
    }

    public String id() {
        return account.partnerId();
    }
}
