package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options FTPS session reuse needs, checked in a JVM started with and without them. */
class FtpsSessionReuseTest {
    @TempDir
    Path temp;

    @Test
    void thisJvmHasWhatFtpsSessionReuseNeeds() {
        assertThat(FtpsSessionReuse.missingJvmSupport()).as("the module's surefire/failsafe argLine").isEmpty();
    }

    @Test
    void withoutTheAddOpensAnFtpsRunFailsAtOnceNamingTheOptionsToAdd() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FtpsWithoutJvmOptions.class.getName(), temp.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).contains("outcome=FAILED")
                .contains("--add-opens java.base/sun.security.ssl=ALL-UNNAMED")
                .contains("--add-opens java.base/sun.security.util=ALL-UNNAMED");
        assertThat(FtpsSessionReuse.JVM_OPTIONS).containsSubsequence("--add-opens", "java.base/sun.security.ssl=ALL-UNNAMED")
                .contains("-Djdk.tls.client.enableSessionTicketExtension=false");
    }

    /** Runs one FTPS poll in a JVM started without the options (the server is never reached). */
    static final class FtpsWithoutJvmOptions {
        public static void main(String[] args) throws IOException {
            Path temp = Path.of(args[0]);
            PollerSettings settings = PollerSettings.builder("jvm-check", "ftp://u@127.0.0.1:1/in").tls(FtpTls.EXPLICIT)
                    .insecureTrustAnyCertificate(true).credentials(Credentials.password("p".toCharArray())).build();
            PollReport report = new Poller(settings, new InMemoryPollClaims(), new InMemoryStatusStore(), new InMemoryIntake(temp.resolve("in")),
                    temp.resolve("work"), java.time.Clock.systemUTC()).run();
            System.out.println("outcome=" + report.outcome() + " message=" + report.message());
            System.out.println(List.of(report.lines()));
        }
    }
}
