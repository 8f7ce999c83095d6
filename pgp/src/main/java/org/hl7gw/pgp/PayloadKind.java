package org.hl7gw.pgp;

/** What a received file is, judged by its first bytes (never by its name). */
public enum PayloadKind {
    /** ASCII-armored OpenPGP: begins, after optional whitespace, with {@code -----BEGIN PGP MESSAGE-----}. */
    ARMORED,
    /** A binary OpenPGP message: begins with a well-formed header of a message packet. */
    BINARY,
    /** Anything else, e.g. an HL7 file starting with MSH|, FHS|, BHS|, a UTF-8 BOM or an MLLP 0x0B. */
    PLAINTEXT;

    public boolean isOpenPgp() {
        return this != PLAINTEXT;
    }
}
