package org.hl7gw.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7gw.ftps.FtpsServerSettings;
import org.hl7gw.ledger.LedgerSettings;
import org.hl7gw.mllp.Destination;
import org.hl7gw.sftp.SftpServerSettings;
import org.hl7gw.splitter.SplitterSettings;

/**
 * The gateway's configuration after it was read and checked: every file it names exists, every key unlocks,
 * every reference resolves. Built by {@link ConfigLoader}; a problem stops the start with the key's path.
 *
 * @param file the YAML file it came from
 * @param dataDir ledger database, archive, work files
 * @param ledger the ledger database
 * @param sftp the SFTP server, if enabled
 * @param ftps the FTPS server, if enabled
 * @param partners the partners
 * @param destinations the MLLP receivers
 * @param validation the default validation policy (partners may override it)
 * @param pollers the pollers
 * @param retention how long finished files are kept (empty: forever)
 */
public record GatewayConfig(Path file, Path dataDir, LedgerSettings ledger, Optional<SftpServerSettings> sftp,
                            Optional<FtpsServerSettings> ftps, List<PartnerConfig> partners, List<Destination> destinations,
                            SplitterSettings validation, List<PollerConfig> pollers, Optional<RetentionConfig> retention) {
    public GatewayConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        partners = List.copyOf(partners);
        destinations = List.copyOf(destinations);
        pollers = List.copyOf(pollers);
    }

    public Optional<Destination> destination(String id) {
        return destinations.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<PollerConfig> poller(String id) {
        return pollers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<PartnerConfig> partner(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
