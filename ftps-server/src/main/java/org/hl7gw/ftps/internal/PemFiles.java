package org.hl7gw.ftps.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.hl7gw.core.ConfigurationException;

/**
 * Reads a server certificate chain and its private key from PEM files, with only the JDK.
 *
 * <p>Accepted: {@code CERTIFICATE} blocks (X.509) and one unencrypted PKCS#8 {@code PRIVATE KEY} block, RSA or
 * EC. The key must belong to the first certificate; this is checked by signing and verifying a random
 * challenge, so a swapped file fails at start and not at the first handshake.
 */
public final class PemFiles {
    private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem";

    private PemFiles() {
    }

    /** A private key and the certificate chain it belongs to (leaf first). */
    public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        public KeyAndChain {
            chain = List.copyOf(chain);
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /**
     * @throws ConfigurationException naming the file and the reason when a file is missing, holds no usable
     *                                block, or the key does not match the certificate
     */
    public static KeyAndChain read(Path certificateChain, Path privateKey) {
        List<X509Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        checkPair(key, chain.get(0), certificateChain, privateKey);
        return new KeyAndChain(key, chain);
    }

    static List<X509Certificate> certificates(Path file) {
        String key = "certificateChain " + file;
        String text = readText(file, key);
        List<byte[]> blocks = blocks(text, "CERTIFICATE", key);
        if (blocks.isEmpty()) {
            throw new ConfigurationException(key, "no -----BEGIN CERTIFICATE----- block in the file");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : blocks) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(key, "not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        String key = "privateKey " + file;
        String text = readText(file, key);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new ConfigurationException(key, "the key is encrypted; the server needs an unencrypted PKCS#8 key readable only by its user: " + CONVERT);
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new ConfigurationException(key, "the key is in the old OpenSSL form (PKCS#1/SEC1), not PKCS#8: " + CONVERT);
        }
        List<byte[]> blocks = blocks(text, "PRIVATE KEY", key);
        if (blocks.size() != 1) {
            throw new ConfigurationException(key, blocks.isEmpty() ? "no -----BEGIN PRIVATE KEY----- block in the file"
                    : "the file holds " + blocks.size() + " private keys; give it exactly one");
        }
        byte[] der = blocks.get(0);
        try {
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (java.security.spec.InvalidKeySpecException e) {
                    // try the next algorithm
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(key, "cannot read the key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        throw new ConfigurationException(key, "neither an RSA nor an EC PKCS#8 key");
    }

    private static void checkPair(PrivateKey key, X509Certificate leaf, Path chainFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new ConfigurationException("privateKey " + keyFile,
                    "the key does not belong to the first certificate of " + chainFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String readText(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException(key, "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /** The base64 bodies of all {@code -----BEGIN label-----} blocks, decoded. */
    static List<byte[]> blocks(String text, String label, String key) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int b = text.indexOf(begin, from);
            if (b < 0) {
                return out;
            }
            int e = text.indexOf(end, b);
            if (e < 0) {
                throw new ConfigurationException(key, begin + " block without its END line");
            }
            String body = text.substring(b + begin.length(), e).replaceAll("\\s", "");
            try {
                out.add(Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException bad) {
                throw new ConfigurationException(key, begin + " block is not valid base64");
            }
            from = e + end.length();
        }
    }
}
