package org.hl7gw.poller;

import org.hl7gw.testkit.servers.VsftpdServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The poller against a real vsftpd speaking implicit FTPS (TLS from the first byte, require_ssl_reuse at its default YES). */
class ImplicitFtpsPollerIT extends VsftpdPollerContract {
    @RegisterExtension
    static final VsftpdForTests VSFTPD = new VsftpdForTests(VsftpdServer.Tls.IMPLICIT);

    @Override
    protected VsftpdServer server() {
        return VSFTPD.server();
    }
}
