package org.hl7gw.testkit.ftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost made by the real {@code openssl}, as an
 * administrator would make one:
 * {@code openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost}.
 * OpenSSL 3 writes the key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}).
 *
 * @param certificate PEM file of the certificate (also the file clients trust)
 * @param privateKey PEM file of the private key
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

    /** Key types {@code openssl req -newkey} can make. */
    public enum KeyType {
        RSA_2048("rsa:2048"),
        EC_P256("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

        private final List<String> newkey;

        KeyType(String... newkey) {
            this.newkey = List.of(newkey);
        }
    }

    /** An RSA 2048 certificate in {@code dir/cert.pem} and {@code dir/key.pem}. */
    public static SelfSignedCertificate create(Path dir) {
        return create(dir, KeyType.RSA_2048, "cert.pem", "key.pem");
    }

    /** A certificate of the given key type under the given file names in {@code dir}. */
    public static SelfSignedCertificate create(Path dir, KeyType type, String certificateName, String keyName) {
        Path cert = dir.resolve(certificateName);
        Path key = dir.resolve(keyName);
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        command.addAll(type.newkey);
        command.addAll(List.of("-nodes", "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()));
        ProgramRun.run(command, dir.resolve("openssl-runs"), Duration.ofMinutes(1)).check();
        return new SelfSignedCertificate(cert, key);
    }
}
