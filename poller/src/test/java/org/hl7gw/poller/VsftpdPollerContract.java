package org.hl7gw.poller;

import java.nio.file.Path;
import java.time.Duration;

import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.VsftpdServer;

/** The poller contract against a real vsftpd; subclasses start it in one TLS mode. */
abstract class VsftpdPollerContract extends RemotePollerContract {

    protected abstract VsftpdServer server();

    @Override
    protected LocalUser user() {
        return server().user();
    }

    @Override
    protected String url(Path folder) {
        return server().ftpUrl(folder);
    }

    @Override
    protected PollerSettings.Builder settingsForUrl(String id, String url) {
        return tls(PollerSettings.builder(id, url)).credentials(Credentials.password(user().password().toCharArray()))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(20));
    }

    @Override
    protected PollerSettings.Builder settingsWithPassword(String id, Path folder, char[] password) {
        return tls(PollerSettings.builder(id, url(folder))).credentials(Credentials.password(password)).stableFor(Duration.ZERO);
    }

    private PollerSettings.Builder tls(PollerSettings.Builder b) {
        return switch (server().tls()) {
            case NONE -> b.tls(FtpTls.NONE);
            case EXPLICIT -> b.tls(FtpTls.EXPLICIT).truststore(server().certificate().certificate());
            case IMPLICIT -> b.tls(FtpTls.IMPLICIT).truststore(server().certificate().certificate());
        };
    }

    @Override
    protected int port() {
        return server().port();
    }

    @Override
    protected void killServer() {
        server().kill();
    }

    @Override
    protected void startServer() {
        if (!server().isRunning()) {
            server().start();
        }
    }

    @Override
    protected String permissionDeniedText() {
        return "550";
    }
}
