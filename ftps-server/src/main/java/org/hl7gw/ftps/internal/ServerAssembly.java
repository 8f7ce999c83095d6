package org.hl7gw.ftps.internal;

import java.util.Map;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.hl7gw.core.partner.PartnerDirectory;
import org.hl7gw.core.partner.UploadHandler;
import org.hl7gw.ftps.FtpsServerSettings;
import org.hl7gw.ftps.TlsMode;

/** Puts an Apache FtpServer together from the settings and the gateway's parts. */
public final class ServerAssembly {
    /** The listener's name in Apache FtpServer. */
    public static final String LISTENER = "default";

    private ServerAssembly() {
    }

    /** The assembled, not yet started, server and its one listener. */
    public record Assembled(FtpServer server, Listener listener) {
    }

    /**
     * Reads the PEM files and builds the server; binds nothing yet.
     *
     * @throws org.hl7gw.core.ConfigurationException when the certificate or key cannot be used
     */
    public static Assembled assemble(FtpsServerSettings settings, PartnerDirectory directory, UploadHandler handler) {
        ServerTls tls = ServerTls.create(PemFiles.read(settings.certificateChain(), settings.privateKey()), settings.protocols());
        boolean implicit = settings.mode() == TlsMode.IMPLICIT;
        int idleSeconds = settings.idleTimeoutSeconds();

        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(false);
        data.setPassivePorts(settings.passivePorts().asRange());
        data.setPassiveExternalAddress(settings.passiveAddress());
        data.setPassiveIpCheck(true);
        data.setIdleTime(idleSeconds);
        data.setSslConfiguration(tls);
        data.setImplicitSsl(implicit);

        ListenerFactory listenerFactory = new ListenerFactory();
        listenerFactory.setServerAddress(settings.bindAddress());
        listenerFactory.setPort(settings.port());
        listenerFactory.setImplicitSsl(implicit);
        listenerFactory.setSslConfiguration(tls);
        listenerFactory.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        listenerFactory.setIdleTimeout(idleSeconds);
        listenerFactory.setSessionFilter(new AbortWatch());
        Listener listener = listenerFactory.createListener();

        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(false);
        connections.setMaxAnonymousLogins(0);
        connections.setMaxLogins(settings.maxLogins());
        connections.setMaxLoginFailures(FtpsServerSettings.MAX_LOGIN_FAILURES_PER_CONNECTION);
        connections.setLoginFailureDelay((int) settings.failedLoginDelay().toMillis());

        PartnerHomes homes = new PartnerHomes();
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener(LISTENER, listener);
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.setUserManager(new PartnerUserManager(directory, homes, idleSeconds));
        factory.setFileSystem(new JailFileSystemFactory(homes, new OpenWrites()));
        factory.setFtplets(new java.util.HashMap<>(Map.of("hl7gw", new PartnerFtplet(new ProtectionPolicy(), new UploadCompletion(handler)))));
        return new Assembled(factory.createServer(), listener);
    }
}
