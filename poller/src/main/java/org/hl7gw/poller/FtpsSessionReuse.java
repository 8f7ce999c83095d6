package org.hl7gw.poller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7gw.core.ConfigurationException;

/**
 * What the JVM needs so that FTPS pollers work with servers that require TLS session reuse on data
 * connections, as vsftpd does by default ({@code require_ssl_reuse=YES}), and how to check it.
 *
 * <h2>The problem</h2>
 * An FTPS server with that setting accepts a data connection (listing, download) only when its TLS handshake
 * resumes the control connection's TLS session; otherwise it answers {@code 522 SSL connection failed: session
 * reuse required}. The JDK resumes a session only for the same host and port, and the data connection goes to
 * another port, so Java FTPS clients fail there out of the box. (Commons Net then even returns an empty
 * listing; the poller checks the reply and reports the 522.)
 *
 * <h2>The remedy</h2>
 * Before each data handshake the poller puts the control connection's session into its SSL context's client
 * session cache under the data connection's host:port, so that the JDK offers it for resumption. That cache is
 * JDK-internal, hence:
 * <ul>
 * <li>{@code --add-opens java.base/sun.security.ssl=ALL-UNNAMED --add-opens java.base/sun.security.util=ALL-UNNAMED}
 *     on the java command line (or {@code Add-Opens: java.base/sun.security.ssl java.base/sun.security.util} in
 *     the jar manifest): without them an FTPS run fails at once with a message naming them.</li>
 * <li>{@code -Djdk.tls.client.enableSessionTicketExtension=false}: with session tickets the JDK resumes by a
 *     ticket, which does not count as reuse. The JDK reads this property each time an SSL context is created, so
 *     {@link #prepareJvm()} sets it (unless already set) and the poller calls it before it creates its own
 *     context; the gateway calls it at the start of {@code main}, before any TLS use, so that every context
 *     agrees. An explicit {@code =true} is refused with a clear message.</li>
 * <li>TLS 1.2: in TLS 1.3 resumption works by pre-shared keys from tickets, which this remedy cannot provide,
 *     and vsftpd picks 1.3 when offered. The FTPS poller therefore offers TLS 1.2 only.</li>
 * </ul>
 * The tests of the poller module run with exactly these options (surefire/failsafe {@code argLine}).
 */
public final class FtpsSessionReuse {
    /** The system property that turns the client's session tickets off. */
    public static final String TICKET_PROPERTY = "jdk.tls.client.enableSessionTicketExtension";
    /** The java options the gateway's launcher passes. */
    public static final List<String> JVM_OPTIONS = List.of(
            "--add-opens", "java.base/sun.security.ssl=ALL-UNNAMED",
            "--add-opens", "java.base/sun.security.util=ALL-UNNAMED",
            "-D" + TICKET_PROPERTY + "=false");

    private FtpsSessionReuse() {
    }

    /**
     * Turns the TLS client's session tickets off unless the operator chose otherwise. Call it first thing in
     * {@code main}; the FTPS poller calls it again before creating its SSL context.
     */
    public static void prepareJvm() {
        if (System.getProperty(TICKET_PROPERTY) == null) {
            System.setProperty(TICKET_PROPERTY, "false");
        }
    }

    /** What this JVM lacks for TLS session reuse, empty when nothing. */
    public static Optional<String> missingJvmSupport() {
        List<String> missing = new ArrayList<>();
        Module javaBase = Object.class.getModule();
        Module us = FtpsSessionReuse.class.getModule();
        for (String pkg : List.of("sun.security.ssl", "sun.security.util")) {
            if (!javaBase.isOpen(pkg, us)) {
                missing.add("--add-opens java.base/" + pkg + "=ALL-UNNAMED");
            }
        }
        String tickets = System.getProperty(TICKET_PROPERTY);
        if (tickets != null && !tickets.equalsIgnoreCase("false")) {
            missing.add("-D" + TICKET_PROPERTY + "=false (it is set to " + tickets + ")");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", missing));
    }

    /**
     * @throws ConfigurationException naming the missing java options when FTPS session reuse is impossible
     */
    public static void requireJvmSupport() {
        missingJvmSupport().ifPresent(m -> {
            throw new ConfigurationException("JVM options", "FTPS needs TLS session reuse on data connections (vsftpd's"
                    + " require_ssl_reuse) and this JVM cannot do it; add to the java command line (JAVA_OPTS): " + m);
        });
    }
}
