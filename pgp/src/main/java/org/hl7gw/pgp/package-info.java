/**
 * OpenPGP for the gateway: open what partners' GnuPG produces, prove who signed it, refuse what is
 * tampered, unsigned or hostile with a typed reason, and stream whatever the file size.
 *
 * <ul>
 *   <li>{@link org.hl7gw.pgp.PgpDetector}: ARMORED, BINARY or PLAINTEXT, by content.</li>
 *   <li>{@link org.hl7gw.pgp.PgpKeys}: read key files (armored or binary, several keys per file).</li>
 *   <li>{@link org.hl7gw.pgp.PgpDecryptor}: decrypt and verify, as a {@link org.hl7gw.pgp.PgpStream} or into an
 *       {@code OutputStream}; {@link org.hl7gw.pgp.PgpPolicy} says what is accepted and
 *       {@link org.hl7gw.pgp.PgpResult} what was found.</li>
 *   <li>{@link org.hl7gw.pgp.PgpEncryptor}: encrypt (and sign) for partners, as GnuPG 2.2 reads it.</li>
 *   <li>{@link org.hl7gw.pgp.PgpKeyGenerator}: the gateway's own Ed25519/Cv25519 key pair.</li>
 *   <li>{@link org.hl7gw.pgp.KeyInspector}: what a key file holds.</li>
 * </ul>
 *
 * <p>Every refusal is a {@link org.hl7gw.pgp.PgpException} (unchecked, a {@code GatewayException}) whose message
 * names key IDs, fingerprints, files and limits, never message content. Built on Bouncy Castle's classic
 * packet API ({@code org.bouncycastle.openpgp}); its newer {@code OpenPGPApi} fails on hidden recipients.
 */
package org.hl7gw.pgp;
