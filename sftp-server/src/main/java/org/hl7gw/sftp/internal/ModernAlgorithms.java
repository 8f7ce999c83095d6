package org.hl7gw.sftp.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * The only algorithms the server offers, strongest first. Everything SHA-1, CBC, RC4, 3DES, MD5 or DSA is left
 * out, so a client that insists on one of them cannot connect at all.
 *
 * <ul>
 * <li>Key exchange: the post-quantum hybrids mlkem768x25519-sha256 and sntrup761x25519-sha512(@openssh.com),
 * curve25519-sha256(@libssh.org), ecdh-sha2-nistp521/384/256, diffie-hellman-group18/16-sha512,
 * diffie-hellman-group14-sha256. Not: group1-sha1, group14-sha1, group-exchange-sha1 (nor group-exchange-sha256,
 * whose moduli file we do not maintain).</li>
 * <li>Ciphers: chacha20-poly1305@openssh.com, aes256-gcm@openssh.com, aes128-gcm@openssh.com, aes256-ctr,
 * aes192-ctr, aes128-ctr.</li>
 * <li>MACs (used with the CTR ciphers only): hmac-sha2-512-etm, hmac-sha2-256-etm (@openssh.com), hmac-sha2-512,
 * hmac-sha2-256.</li>
 * <li>Host key and user key signatures: ssh-ed25519, ecdsa-sha2-nistp256/384/521, rsa-sha2-512, rsa-sha2-256.
 * Not ssh-rsa (SHA-1 signatures) nor ssh-dss.</li>
 * </ul>
 * An algorithm this JVM cannot run (the post-quantum ones and Ed25519 need Bouncy Castle) is dropped rather than
 * offered and failed.
 */
public final class ModernAlgorithms {

    public static final List<BuiltinDHFactories> KEY_EXCHANGE = List.of(
            BuiltinDHFactories.mlkem768x25519,
            BuiltinDHFactories.sntrup761x25519,
            BuiltinDHFactories.sntrup761x25519_openssh,
            BuiltinDHFactories.curve25519,
            BuiltinDHFactories.curve25519_libssh,
            BuiltinDHFactories.ecdhp521,
            BuiltinDHFactories.ecdhp384,
            BuiltinDHFactories.ecdhp256,
            BuiltinDHFactories.dhg18_512,
            BuiltinDHFactories.dhg16_512,
            BuiltinDHFactories.dhg14_256);

    public static final List<BuiltinCiphers> CIPHERS = List.of(
            BuiltinCiphers.cc20p1305_openssh,
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes128ctr);

    public static final List<BuiltinMacs> MACS = List.of(
            BuiltinMacs.hmacsha512etm,
            BuiltinMacs.hmacsha256etm,
            BuiltinMacs.hmacsha512,
            BuiltinMacs.hmacsha256);

    public static final List<BuiltinSignatures> SIGNATURES = List.of(
            BuiltinSignatures.ed25519,
            BuiltinSignatures.nistp256,
            BuiltinSignatures.nistp384,
            BuiltinSignatures.nistp521,
            BuiltinSignatures.rsaSHA512,
            BuiltinSignatures.rsaSHA256);

    private ModernAlgorithms() {
    }

    /** Replaces the server's algorithm lists with ours (only those supported in this JVM). */
    public static void applyTo(SshServer server) {
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, supported(KEY_EXCHANGE),
                ServerBuilder.DH2KEX));
        server.setCipherFactories(new ArrayList<NamedFactory<Cipher>>(supported(CIPHERS)));
        server.setMacFactories(new ArrayList<NamedFactory<Mac>>(supported(MACS)));
        server.setSignatureFactories(new ArrayList<NamedFactory<Signature>>(supported(SIGNATURES)));
        server.setCompressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.delayedZlib));
    }

    /** The names offered in this JVM, in order, for the log and for tests. */
    public static <T extends NamedResource & OptionalFeature> List<String> offeredNames(List<T> algorithms) {
        return supported(algorithms).stream().map(NamedResource::getName).toList();
    }

    private static <T extends OptionalFeature> List<T> supported(List<T> algorithms) {
        return algorithms.stream().filter(OptionalFeature::isSupported).toList();
    }
}
