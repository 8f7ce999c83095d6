package org.hl7gw.poller.sftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.Signature;

/**
 * The algorithms an SFTP poller offers.
 *
 * <p>Modern (the default): MINA SSHD's default key exchanges (with Bouncy Castle on the class path:
 * sntrup761x25519, mlkem768x25519, curve25519, ECDH, DH group 14-18 and group exchange with SHA-2), host keys and
 * signatures Ed25519, ECDSA and RSA with SHA-2 ({@code rsa-sha2-256/512}), ciphers AES-GCM, chacha20-poly1305 and
 * AES-CTR, MACs HMAC-SHA2. MINA's own defaults also contain {@code ssh-rsa} (SHA-1) signatures, CBC ciphers and
 * HMAC-SHA1; they are taken out. AES-GCM comes first (MINA and OpenSSH put chacha20-poly1305 first): the JDK runs
 * AES-GCM on the CPU's AES instructions, about twice as fast as its ChaCha20 in Java 17 (measured by the poller
 * benchmark).
 *
 * <p>Legacy (opt-in): additionally {@code ssh-rsa} (SHA-1) host keys and signatures, the SHA-1 key exchanges
 * {@code diffie-hellman-group14-sha1} and {@code diffie-hellman-group-exchange-sha1}, AES-CBC and HMAC-SHA1, as
 * old mainframe and appliance SSH servers offer. Never offered: {@code diffie-hellman-group1-sha1} (1024-bit),
 * DSA, 3DES, arcfour.
 */
final class SshAlgorithms {
    private static final Set<String> SHA1_SIGNATURES = Set.of("ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "ssh-dss", "ssh-dss-cert-v01@openssh.com");

    private SshAlgorithms() {
    }

    static void apply(SshClient client, boolean legacy) {
        List<KeyExchangeFactory> kex = new ArrayList<>(client.getKeyExchangeFactories());
        kex.removeIf(k -> k.getName().endsWith("-sha1"));
        if (legacy) {
            kex.add(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.dhg14));
            kex.add(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.dhgex));
        }
        client.setKeyExchangeFactories(kex);

        List<NamedFactory<Signature>> signatures = new ArrayList<>(client.getSignatureFactories());
        signatures.removeIf(s -> SHA1_SIGNATURES.contains(s.getName()));
        if (legacy) {
            signatures.add(org.apache.sshd.common.signature.BuiltinSignatures.rsa);
        }
        client.setSignatureFactories(signatures);

        List<NamedFactory<Cipher>> ciphers = new ArrayList<>(client.getCipherFactories());
        if (!legacy) {
            ciphers.removeIf(c -> c.getName().endsWith("-cbc"));
        }
        ciphers.sort(java.util.Comparator.comparingInt(c -> c.getName().contains("-gcm@") ? 0 : 1)); // stable: keeps the rest in order
        client.setCipherFactories(ciphers);

        List<NamedFactory<Mac>> macs = new ArrayList<>(client.getMacFactories());
        if (!legacy) {
            macs.removeIf(m -> m.getName().startsWith("hmac-sha1") || m.getName().startsWith("hmac-md5"));
        }
        client.setMacFactories(macs);
    }
}
