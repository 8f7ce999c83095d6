package org.hl7gw.ledger;

/**
 * What decryption found out about a file, kept with it in the ledger. Every part may be null.
 *
 * @param signerKeyId the key id of the verified signer (hex), null when unsigned
 * @param signerFingerprint the signer's fingerprint (hex)
 * @param details algorithms used, e.g. "AES256, ZLIB, SHA256, MDC"
 * @param warning something accepted but worth an operator's look, e.g. "signature key expired"
 */
public record DecryptionRecord(String signerKeyId, String signerFingerprint, String details, String warning) {
}
