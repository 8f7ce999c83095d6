package org.hl7gw.ftps;

/** The TLS versions the server may offer. Older versions are not offered at all. */
public enum TlsProtocol {
    TLS_1_3("TLSv1.3"),
    TLS_1_2("TLSv1.2");

    private final String jsseName;

    TlsProtocol(String jsseName) {
        this.jsseName = jsseName;
    }

    /** The name JSSE uses ({@code TLSv1.3}, {@code TLSv1.2}). */
    public String jsseName() {
        return jsseName;
    }

    /** Parses {@code TLSv1.3}, {@code TLSv1.2} (also {@code 1.3}, {@code 1.2}). */
    public static TlsProtocol parse(String text) {
        for (TlsProtocol p : values()) {
            if (p.jsseName.equalsIgnoreCase(text) || p.jsseName.substring(4).equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an offered TLS version: write TLSv1.3 or TLSv1.2");
    }
}
