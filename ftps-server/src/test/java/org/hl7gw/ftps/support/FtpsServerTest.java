package org.hl7gw.ftps.support;

import java.nio.file.Path;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the FTPS server against real clients starts from: one self-signed certificate for the
 * class, a scratch folder per test, and the running server ({@link #fixture}, set by the test) stopped after it.
 */
public abstract class FtpsServerTest {
    @TempDir
    static Path certificates;
    protected static SelfSignedCertificate cert;

    @TempDir
    protected Path dir;
    protected FtpsFixture fixture;

    @BeforeAll
    static void makeCertificate() {
        cert = SelfSignedCertificate.create(certificates);
    }

    @AfterEach
    void stopServer() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
