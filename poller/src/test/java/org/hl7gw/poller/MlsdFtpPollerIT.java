package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.hl7gw.core.poll.PollOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller contract against an FTP server that lists with MLSD (RFC 3659: exact sizes and UTC times),
 * Apache FtpServer on loopback; vsftpd has no MLSD, so this is the poller's other listing path.
 */
class MlsdFtpPollerIT extends PollerContract {
    private static final String LOGIN = "poll";
    private static final String PASSWORD = "mlsd-Test-1";

    @TempDir
    static Path serverDir;
    static FtpServer server;
    static int port;

    @BeforeAll
    static void startServer() throws FtpException, IOException {
        PropertiesUserManagerFactory users = new PropertiesUserManagerFactory();
        users.setFile(Files.createFile(serverDir.resolve("users.properties")).toFile());
        UserManager manager = users.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(LOGIN);
        user.setPassword(PASSWORD);
        user.setHomeDirectory("/");
        user.setAuthorities(List.of(new WritePermission()));
        manager.save(user);
        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(manager);
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected Path newFolder(String name) {
        try {
            return Files.createDirectories(temp.resolve("remote").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected PollerSettings.Builder settings(String id, Path folder) {
        return PollerSettings.builder(id, "ftp://" + LOGIN + "@127.0.0.1:" + port + folder.toAbsolutePath())
                .credentials(Credentials.password(PASSWORD.toCharArray()));
    }

    @Test
    void listsWithMlsdWhenTheServerOffersIt() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");

        try (LogCapture log = new LogCapture()) {
            PollReport report = poller(settings("mlsd", folder).stableFor(Duration.ZERO).build()).run();

            assertThat(report.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(log.all()).anySatisfy(line -> assertThat(line).contains("lists with MLSD"));
        }
        assertThat(intake.names()).containsExactly("a.hl7");
    }
}
