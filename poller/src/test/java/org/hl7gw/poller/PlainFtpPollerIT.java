package org.hl7gw.poller;

import org.hl7gw.testkit.servers.VsftpdServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The poller against a real vsftpd speaking plain FTP (no TLS). */
class PlainFtpPollerIT extends VsftpdPollerContract {
    @RegisterExtension
    static final VsftpdForTests VSFTPD = new VsftpdForTests(VsftpdServer.Tls.NONE);

    @Override
    protected VsftpdServer server() {
        return VSFTPD.server();
    }
}
