package org.hl7gw.mllp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MllpEndpointTest {

    @Test
    void parsesPlainAndTlsEndpoints() {
        assertThat(MllpEndpoint.parse("mllp://his.example.org:2575")).isEqualTo(new MllpEndpoint("his.example.org", 2575, false));
        assertThat(MllpEndpoint.parse("MLLPS://10.0.0.5:6661")).isEqualTo(new MllpEndpoint("10.0.0.5", 6661, true));
        assertThat(MllpEndpoint.parse(" mllp://localhost:1/ ")).isEqualTo(new MllpEndpoint("localhost", 1, false));
    }

    @Test
    void parsesIpv6LiteralsInBracketsAndPrintsThemBack() {
        MllpEndpoint e = MllpEndpoint.parse("mllps://[fe80::1%25eth0]:65535");
        assertThat(e.host()).isEqualTo("fe80::1%25eth0");
        assertThat(MllpEndpoint.parse("mllp://[::1]:2575")).isEqualTo(new MllpEndpoint("::1", 2575, false));
        assertThat(MllpEndpoint.parse("mllp://[::1]:2575").toString()).isEqualTo("mllp://[::1]:2575");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "his.example.org:2575; has no scheme",
        "http://his:80; neither mllp nor mllps",
        "mllp://his; the port is missing",
        "mllp://his:; the port must be a number",
        "mllp://his:0; the port must be a number",
        "mllp://his:65536; the port must be a number",
        "mllp://his:25x; the port must be a number",
        "mllp://:2575; the host is missing",
        "mllp://his:2575/path; no path",
        "mllp://user@his:2575; no user information",
        "mllp://::1:2575; must be written in brackets",
        "mllp://[::1:2575; no closing",
        "mllp://[::1]; the port is missing",
        "mllp://[his]:2575; brackets are for IPv6"})
    void refusesAnythingElseSayingWhy(String text, String why) {
        assertThatThrownBy(() -> MllpEndpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why).hasMessageContaining("mllp://HOST:PORT");
    }

    @Test
    void refusesNothing() {
        assertThatThrownBy(() -> MllpEndpoint.parse("")).hasMessageContaining("it is empty");
        assertThatThrownBy(() -> MllpEndpoint.parse(null)).hasMessageContaining("it is empty");
    }
}
