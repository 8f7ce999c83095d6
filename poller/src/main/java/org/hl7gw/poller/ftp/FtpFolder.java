package org.hl7gw.poller.ftp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.hl7gw.core.GatewayException;
import org.hl7gw.poller.FolderUnreachableException;
import org.hl7gw.poller.FtpTls;
import org.hl7gw.poller.FtpsSessionReuse;
import org.hl7gw.poller.LoginRefusedException;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.poller.PollerUrl;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.RemoteFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder on an FTP or FTPS server, reached with Apache Commons Net: passive mode, binary type; with TLS
 * (explicit {@code AUTH TLS} or implicit) also {@code PBSZ 0} + {@code PROT P}, the certificate checked against
 * the truststore with host name / IP address verification, TLS 1.2 only and the data connections resuming the
 * control connection's TLS session ({@link FtpsSessionReuse}).
 */
public final class FtpFolder implements RemoteFolder {
    private static final Logger LOG = LoggerFactory.getLogger(FtpFolder.class);
    private static final String TLS_VERSION = "TLSv1.2";

    private final PollerSettings settings;
    private final PollerUrl url;
    private final FtpTls tls;

    public FtpFolder(PollerSettings settings) {
        this.settings = settings;
        this.url = settings.url();
        this.tls = settings.ftps().tls();
        if (url.protocol() != PollerUrl.Protocol.FTP) {
            throw new IllegalArgumentException("not an ftp:// poller: " + url);
        }
    }

    @Override
    public String describe() {
        return url + (tls == FtpTls.NONE ? "" : " (TLS " + tls.label() + ")");
    }

    @Override
    public FolderSession open() {
        String server = url.host() + ":" + url.port();
        FTPClient ftp = newClient();
        String phase = "connect to " + server;
        try {
            ftp.connect(url.host(), url.port());
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new FolderUnreachableException("cannot " + phase + ": the server answered " + reply(ftp));
            }
            ftp.setSoTimeout((int) settings.timeouts().read().toMillis());
            phase = "log in to " + server + " as " + url.user();
            char[] password = settings.credentials().password().orElseThrow();
            boolean loggedIn;
            try {
                loggedIn = ftp.login(url.user(), new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
            if (!loggedIn) {
                throw new LoginRefusedException("login refused: " + server + " did not accept user " + url.user() + " with password: " + reply(ftp));
            }
            if (ftp instanceof FTPSClient ftps) {
                phase = "protect the data connections on " + server;
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            ftp.enterLocalPassiveMode();
            if (!ftp.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw new FolderUnreachableException("cannot switch to binary transfers on " + server + ": " + reply(ftp));
            }
            phase = "open folder " + url.path() + " on " + server;
            String folder = url.folder();
            if (!folder.isEmpty() && !ftp.changeWorkingDirectory(folder)) {
                throw new FolderUnreachableException("cannot " + phase + ": " + reply(ftp));
            }
            boolean mlsd = ftp.hasFeature("MLST");
            LOG.debug("poller {}: {} lists with {}", settings.id(), server, mlsd ? "MLSD" : "LIST, then SIZE and MDTM per candidate");
            return new FtpFolderSession(ftp, mlsd);
        } catch (GatewayException e) {
            FtpFolderSession.disconnectQuietly(ftp);
            throw e;
        } catch (IOException | RuntimeException e) {
            FtpFolderSession.disconnectQuietly(ftp);
            throw new FolderUnreachableException("cannot " + phase + ": " + explain(e), e);
        }
    }

    private FTPClient newClient() {
        FTPClient ftp;
        if (tls == FtpTls.NONE) {
            ftp = new FTPClient();
        } else {
            FtpsSessionReuse.prepareJvm(); // the JDK reads the ticket setting when the context is created, just below
            SSLContext context = sslContext();
            TlsSessionCache cache = TlsSessionCache.of(context);
            SessionReusingFtpsClient ftps = new SessionReusingFtpsClient(tls == FtpTls.IMPLICIT, context, cache);
            ftps.setEnabledProtocols(new String[] {TLS_VERSION});
            ftps.setEndpointCheckingEnabled(!settings.ftps().insecureTrustAnyCertificate());
            ftp = ftps;
        }
        ftp.setConnectTimeout((int) settings.timeouts().connect().toMillis());
        ftp.setDefaultTimeout((int) settings.timeouts().connect().toMillis());
        ftp.setDataTimeout(settings.timeouts().read());
        ftp.setControlEncoding("UTF-8");
        return ftp;
    }

    private SSLContext sslContext() {
        X509TrustManager trust;
        if (settings.ftps().insecureTrustAnyCertificate()) {
            LOG.warn("poller {}: trusting any certificate of {} (insecureTrustAnyCertificate): anyone in the middle can read the files",
                    settings.id(), url.host());
            trust = TrustManagerUtils.getAcceptAllTrustManager();
        } else {
            trust = TrustStores.load(settings.ftps().truststore().orElseThrow(), settings.credentials().truststorePassword(),
                    "pollers." + settings.id() + ".truststore");
        }
        try {
            SSLContext context = SSLContext.getInstance(TLS_VERSION);
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new FolderUnreachableException("this Java runtime offers no " + TLS_VERSION + ": " + e.getMessage(), e);
        }
    }

    private static String explain(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (e instanceof SSLException) {
            return "TLS failed (" + e.getMessage() + (root != e && root.getMessage() != null ? ": " + root.getMessage() : "")
                    + "); check the truststore and that the certificate names the host as written in the URL";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String reply(FTPClient ftp) {
        String r = ftp.getReplyString();
        return r == null ? "(no reply)" : r.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    }
}
