package org.hl7gw.mllp.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made in-process: a CA, server certificates signed by it (one naming 127.0.0.1 and
 * localhost, one naming another host), a client certificate, and a second CA nobody trusts with a server
 * certificate of its own. Written as PEM and PKCS12 files for the gateway, and as SSLContexts for the peer.
 */
public final class TestPki {
    public static final char[] TRUSTSTORE_PASSWORD = "trust-pass".toCharArray();
    public static final char[] CLIENT_PASSWORD = "client-pass".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Identity(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
    }

    private final Path dir;
    private final Identity ca;
    private final Identity server;
    private final Identity wrongHostServer;
    private final Identity client;
    private final Identity untrustedCa;
    private final Identity untrustedServer;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        ca = selfSignedCa("hl7gw test CA");
        server = issue(ca, "localhost", false, new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
        wrongHostServer = issue(ca, "wrong.example.test", false, new GeneralName(GeneralName.dNSName, "wrong.example.test"));
        client = issue(ca, "hl7gw-client", true);
        untrustedCa = selfSignedCa("somebody else's CA");
        untrustedServer = issue(untrustedCa, "localhost", false, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
        Files.writeString(caPem(), pem(ca.certificate()), StandardCharsets.US_ASCII);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        store(trust, truststoreP12(), TRUSTSTORE_PASSWORD);
        KeyStore clientStore = KeyStore.getInstance("PKCS12");
        clientStore.load(null, null);
        clientStore.setKeyEntry("client", client.keys().getPrivate(), CLIENT_PASSWORD, new Certificate[] {client.certificate(), ca.certificate()});
        store(clientStore, clientP12(), CLIENT_PASSWORD);
    }

    public static TestPki create(Path dir) {
        try {
            return new TestPki(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path truststoreP12() {
        return dir.resolve("truststore.p12");
    }

    public Path clientP12() {
        return dir.resolve("client.p12");
    }

    /** The server side: presents the certificate naming 127.0.0.1 and localhost; trusts client certificates of the CA. */
    public SSLContext serverContext() {
        return context(server);
    }

    /** Presents a certificate of the same CA that names only wrong.example.test. */
    public SSLContext wrongHostServerContext() {
        return context(wrongHostServer);
    }

    /** Presents a certificate for 127.0.0.1 from a CA the gateway does not trust. */
    public SSLContext untrustedServerContext() {
        return context(untrustedServer);
    }

    private SSLContext context(Identity identity) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] p = "server".toCharArray();
            keys.setKeyEntry("server", identity.keys().getPrivate(), p, new Certificate[] {identity.certificate(), identity.issuer()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, p);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static void store(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Identity selfSignedCa(String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate c = sign(b, keys);
        return new Identity(keys, c, c);
    }

    private static Identity issue(Identity issuer, String cn, boolean clientAuth, GeneralName... names) throws Exception {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.certificate(), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + cn), keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(clientAuth ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.certificate()));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (names.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new Identity(keys, sign(b, issuer.keys()), issuer.certificate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }
}
