package org.hl7gw.pgp;

/** What a key or subkey may be used for (its key flags, or its algorithm when it has none). */
public enum KeyCapability { CERTIFY, SIGN, ENCRYPT, AUTHENTICATE }
