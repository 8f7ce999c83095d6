package org.hl7gw.gateway.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code gateway --version}: the build's version, the Java runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/hl7gw-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "hl7gw gateway " + p.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
