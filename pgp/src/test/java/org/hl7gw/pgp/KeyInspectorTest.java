package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code gateway keys inspect}: what each key and subkey of a GnuPG key file is and may do. */
@ExtendWith(GpgWorld.Extension.class)
class KeyInspectorTest {

    private final GpgWorld w;

    KeyInspectorTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void listsRsaPrimaryKeyAndEncryptionSubkeyOfAPublicKeyFile() {
        List<KeyInfo> keys = KeyInspector.inspect(w.publicKey(w.partnerRsa));

        assertThat(keys).hasSize(2);
        KeyInfo primary = keys.get(0);
        assertThat(primary.primary()).isTrue();
        assertThat(primary.keyId()).isEqualTo(w.partnerRsa.keyId());
        assertThat(primary.fingerprint()).isEqualTo(w.partnerRsa.fingerprint());
        assertThat(primary.algorithm()).isEqualTo("RSA-3072");
        assertThat(primary.capabilityLetters()).isEqualTo("SC");
        assertThat(primary.userIds()).containsExactly("Partner Hospital <hospital@partner.test>");
        assertThat(primary.secret()).isFalse();
        assertThat(primary.revoked()).isFalse();
        assertThat(primary.expires()).isEmpty();
        KeyInfo sub = keys.get(1);
        assertThat(sub.primary()).isFalse();
        assertThat(sub.fingerprint()).isEqualTo(w.partnerRsa.subkeyFingerprints().get(0));
        assertThat(sub.capabilities()).containsExactly(KeyCapability.ENCRYPT);
        assertThat(sub.created()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void listsCurveKeysOfASecretKeyFileAsSecret() {
        List<KeyInfo> keys = KeyInspector.inspect(w.secretKey(w.gatewayEd));

        assertThat(keys).extracting(KeyInfo::algorithm).containsExactly("Ed25519", "Cv25519");
        assertThat(keys).allSatisfy(k -> assertThat(k.secret()).isTrue());
        assertThat(keys.get(0).describe()).startsWith("sec  Ed25519  0x" + w.gatewayEd.keyId() + "  [SC]");
    }

    @Test
    void listsNistCurveKeys() {
        assertThat(KeyInspector.inspect(w.publicKey(w.gatewayP256))).extracting(KeyInfo::algorithm)
                .containsExactly("ECDSA P-256", "ECDH P-256");
        assertThat(KeyInspector.inspect(w.publicKey(w.gatewayP384))).extracting(KeyInfo::algorithm)
                .containsExactly("ECDSA P-384", "ECDH P-384");
    }

    @Test
    void showsWhenAKeyExpired() {
        KeyInfo primary = KeyInspector.inspect(w.publicKey(w.expiredSigner)).get(0);

        assertThat(primary.expires()).isPresent();
        assertThat(primary.expiredAt(Instant.now())).isTrue();
    }

    @Test
    void showsARevokedKey() {
        assertThat(KeyInspector.inspect(w.publicKey(w.revokedSigner))).allSatisfy(k -> assertThat(k.revoked()).isTrue());
        assertThat(KeyInspector.inspect(w.publicKey(w.partnerEd))).allSatisfy(k -> assertThat(k.revoked()).isFalse());
    }

    @Test
    void showsPassphraseProtection() {
        assertThat(KeyInspector.inspect(w.secretKey(w.gatewayProtected))).allSatisfy(k -> assertThat(k.passphraseProtected()).isTrue());
        assertThat(KeyInspector.inspect(w.secretKey(w.gatewayEd))).allSatisfy(k -> assertThat(k.passphraseProtected()).isFalse());
    }
}
