package org.hl7gw.gateway.config;

import java.util.function.Function;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.SourceKind;
import org.hl7gw.gateway.intake.IntakeRoute;

/**
 * How the configuration routes files: a partner's uploads by its own rules, a poller's files by the rules of
 * the partner it names.
 */
public final class Routes implements Function<FileSource, IntakeRoute> {
    private final GatewayConfig config;

    public Routes(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public IntakeRoute apply(FileSource source) {
        String partnerId = switch (source.kind()) {
            case PARTNER -> source.id();
            case POLLER -> config.poller(source.id()).map(PollerConfig::partner).orElseThrow(() -> new ConfigurationException("pollers",
                    "no poller '" + source.id() + "' in the configuration (its files cannot be processed)"));
            case CLI -> throw new ConfigurationException("sources", "files sent from the command line carry their own options, not the configuration's");
        };
        PartnerConfig p = config.partner(partnerId).orElseThrow(() -> new ConfigurationException("partners",
                "no partner '" + partnerId + "' in the configuration (its files cannot be processed)"));
        return new IntakeRoute(p.destination(), p.opener(), p.splitter());
    }

    static boolean isPartner(FileSource s) {
        return s.kind() == SourceKind.PARTNER;
    }
}
