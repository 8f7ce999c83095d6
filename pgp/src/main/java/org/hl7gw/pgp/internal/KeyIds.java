package org.hl7gw.pgp.internal;

import java.util.HexFormat;
import java.util.Locale;

/** Key IDs and fingerprints as GnuPG prints them: upper-case hex, key IDs 16 digits. */
public final class KeyIds {
    private KeyIds() {
    }

    /** 16 upper-case hex digits. */
    public static String hex(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    /** "0x" and 16 upper-case hex digits, for messages. */
    public static String ox(long keyId) {
        return "0x" + hex(keyId);
    }

    /** A fingerprint: 40 (v4) or 64 (v5/v6) upper-case hex digits. */
    public static String fingerprint(byte[] fingerprint) {
        return HexFormat.of().withUpperCase().formatHex(fingerprint);
    }
}
