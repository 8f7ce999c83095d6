package org.hl7gw.poller.ftp;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import org.hl7gw.core.ConfigurationException;
import org.hl7gw.poller.FtpsSessionReuse;

/**
 * Access to the JDK's TLS client session cache of one SSL context (JDK-internal, hence reflection and the
 * {@code --add-opens} that {@link FtpsSessionReuse} names).
 *
 * <p>The JDK (8 to 25) keeps client sessions in {@code SSLSessionContextImpl.sessionHostPortCache}, a
 * {@code sun.security.util.Cache<String, SSLSessionImpl>} keyed {@code lower-case(host + ":" + port)}, where host
 * is the socket's peer host: the name the socket was created with, or its IP address literal. A new client
 * handshake to that host:port offers the cached session for resumption.
 */
final class TlsSessionCache {
    private final Object cache;
    private final Method put;

    private TlsSessionCache(Object cache, Method put) {
        this.cache = cache;
        this.put = put;
    }

    /**
     * The cache of a context's client sessions, checked: the JVM opens the packages, the context does not use
     * stateless session tickets.
     *
     * @throws ConfigurationException when the JVM lacks the options, naming them
     */
    static TlsSessionCache of(SSLContext context) {
        FtpsSessionReuse.requireJvmSupport();
        SSLSessionContext sessions = context.getClientSessionContext();
        try {
            Class<?> type = sessions.getClass();
            Method stateless = type.getDeclaredMethod("statelessEnabled");
            stateless.setAccessible(true);
            if ((Boolean) stateless.invoke(sessions)) {
                throw new ConfigurationException("JVM options", "TLS session tickets are on for FTPS data connections; start java with -D"
                        + FtpsSessionReuse.TICKET_PROPERTY + "=false (or call FtpsSessionReuse.prepareJvm() before any TLS use)");
            }
            Field field = type.getDeclaredField("sessionHostPortCache");
            field.setAccessible(true);
            Object cache = field.get(sessions);
            Method put = Class.forName("sun.security.util.Cache").getMethod("put", Object.class, Object.class);
            put.setAccessible(true);
            return new TlsSessionCache(cache, put);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof ConfigurationException ce) {
                throw ce;
            }
            throw new ConfigurationException("JVM options", "this Java runtime (" + System.getProperty("java.version")
                    + ") does not offer the TLS session cache FTPS session reuse relies on: " + e, e);
        }
    }

    /** Makes the session resumable by the next handshake to {@code address:port}. */
    void offer(SSLSession session, InetAddress address, int port) throws IOException {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(address.getHostAddress());
        String text = address.toString(); // "name/literal" when the address carries a name; never a DNS lookup
        int slash = text.indexOf('/');
        if (slash > 0) {
            hosts.add(text.substring(0, slash));
        }
        try {
            for (String host : hosts) {
                put.invoke(cache, (host + ":" + port).toLowerCase(Locale.ENGLISH), session);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IOException("cannot offer the control connection's TLS session to the data connection: " + e, e);
        }
    }
}
