package org.hl7gw.ftps.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.ftps.FtpsServerSettings;
import org.hl7gw.ftps.PartnerFtpsServer;
import org.hl7gw.ftps.TlsMode;
import org.hl7gw.testkit.ftp.Curl;
import org.hl7gw.testkit.ftp.FtpsEndpoint;
import org.hl7gw.testkit.ftp.Lftp;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;

/**
 * A running {@link PartnerFtpsServer} on 127.0.0.1 with two partners (acme and globex), a recording upload
 * handler, and real curl and lftp clients that trust the server's self-signed certificate.
 */
public final class FtpsFixture implements AutoCloseable {
    public static final String ACME_LOGIN = "acme";
    public static final String ACME_PASSWORD = "acme-Secret-1";
    public static final String GLOBEX_LOGIN = "globex";
    public static final String GLOBEX_PASSWORD = "globex-Secret-2";

    public final Path dir;
    public final SelfSignedCertificate certificate;
    public final Pbkdf2Directory directory = new Pbkdf2Directory();
    public final RecordingUploadHandler handler = new RecordingUploadHandler();
    public final PartnerAccount acme;
    public final PartnerAccount globex;
    public final PartnerFtpsServer server;
    public final FtpsServerSettings settings;
    public final Curl curl;
    public final Lftp lftp;

    private FtpsFixture(Path dir, SelfSignedCertificate certificate, FtpsServerSettings settings) {
        this.dir = dir;
        this.certificate = certificate;
        this.settings = settings;
        this.acme = directory.add("ACME", ACME_LOGIN, dir.resolve("partners/acme"), ACME_PASSWORD);
        this.globex = directory.add("GLOBEX", GLOBEX_LOGIN, dir.resolve("partners/globex"), GLOBEX_PASSWORD);
        this.server = new PartnerFtpsServer(settings, directory, handler);
        this.server.start();
        this.curl = new Curl(dir.resolve("curl"), certificate.certificate());
        this.lftp = new Lftp(dir.resolve("lftp"), certificate.certificate());
    }

    /** A server in the given mode with test settings: any passive port, no delay after a wrong password. */
    public static FtpsFixture start(Path dir, SelfSignedCertificate certificate, TlsMode mode) {
        FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", 0, mode, certificate.certificate(), certificate.privateKey())
                .withIdleTimeout(Duration.ofSeconds(30)).withFailedLoginDelay(Duration.ofMillis(200));
        return start(dir, certificate, settings);
    }

    public static FtpsFixture start(Path dir, SelfSignedCertificate certificate, FtpsServerSettings settings) {
        return new FtpsFixture(dir, certificate, settings);
    }

    public FtpsEndpoint acmeEndpoint() {
        return new FtpsEndpoint("127.0.0.1", server.port(), settings.mode() == TlsMode.IMPLICIT, ACME_LOGIN, ACME_PASSWORD);
    }

    public FtpsEndpoint globexEndpoint() {
        return acmeEndpoint().as(GLOBEX_LOGIN, GLOBEX_PASSWORD);
    }

    /** A file of random bytes (seeded) in the fixture's folder. */
    public Path randomFile(String name, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            Path folder = Files.createDirectories(dir.resolve("local"));
            return Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
