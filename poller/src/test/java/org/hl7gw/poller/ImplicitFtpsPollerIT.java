package org.hl7gw.poller;

import java.nio.file.Path;

import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.VsftpdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The poller against a real vsftpd speaking implicit FTPS (TLS from the first byte, require_ssl_reuse at its default YES). */
class ImplicitFtpsPollerIT extends VsftpdPollerContract {
    @TempDir
    static Path serverDir;
    static VsftpdServer vsftpd;

    @BeforeAll
    static void startVsftpd() {
        vsftpd = VsftpdServer.builder(serverDir.resolve("vsftpd"), LocalUser.testUser()).tls(VsftpdServer.Tls.IMPLICIT).start();
    }

    @AfterAll
    static void stopVsftpd() {
        if (vsftpd != null) {
            vsftpd.stop();
        }
    }

    @Override
    protected VsftpdServer server() {
        return vsftpd;
    }
}
