package org.hl7gw.poller;

import java.util.Locale;

/** How an {@code ftp://} poller uses TLS. */
public enum FtpTls {
    /** Plain FTP: password and files in clear text. Only for trusted networks. */
    NONE,
    /** {@code AUTH TLS} on the control port, then {@code PBSZ 0} and {@code PROT P}: everything encrypted. */
    EXPLICIT,
    /** TLS from the first byte (the FTPS port, usually 990), then {@code PBSZ 0} and {@code PROT P}. */
    IMPLICIT;

    /** Parses {@code none}, {@code explicit} or {@code implicit} (any case). */
    public static FtpTls parse(String text) {
        if (text != null) {
            for (FtpTls t : values()) {
                if (t.name().equalsIgnoreCase(text.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a TLS mode: write none, explicit or implicit");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
