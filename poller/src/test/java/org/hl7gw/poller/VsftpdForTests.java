package org.hl7gw.poller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.VsftpdServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real vsftpd in one TLS mode for a test class: started before its tests, stopped and removed after them. */
final class VsftpdForTests implements BeforeAllCallback, AfterAllCallback {
    private final VsftpdServer.Tls tls;
    private Path dir;
    private VsftpdServer server;

    VsftpdForTests(VsftpdServer.Tls tls) {
        this.tls = tls;
    }

    VsftpdServer server() {
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("vsftpd-" + tls.name().toLowerCase());
        server = VsftpdServer.builder(dir.resolve("vsftpd"), LocalUser.testUser()).tls(tls).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
