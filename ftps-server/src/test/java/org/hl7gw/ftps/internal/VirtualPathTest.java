package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualPathTest {
    private static final VirtualPath INBOX = VirtualPath.ROOT.child("inbox");

    @ParameterizedTest
    @CsvSource({
            "x.hl7, /inbox/x.hl7",
            "./x.hl7, /inbox/x.hl7",
            "../outbox/r.txt, /outbox/r.txt",
            "../../../../etc/passwd, /etc/passwd",
            "/../../etc/passwd, /etc/passwd",
            "/, /",
            "'', /inbox",
            "..\\..\\windows, /windows",
            "//inbox///a//b, /inbox/a/b",
            "a/../../.., /"})
    void resolvingNeverClimbsAboveTheRoot(String input, String expected) {
        assertThat(INBOX.resolve(input).absolute()).isEqualTo(expected);
    }

    @Test
    void controlCharactersInNamesAreRefused() {
        assertThatThrownBy(() -> INBOX.resolve("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> INBOX.resolve("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndPlaces() {
        VirtualPath p = VirtualPath.ROOT.resolve("/outbox/2024/r.txt");
        assertThat(p.segments()).isEqualTo(List.of("outbox", "2024", "r.txt"));
        assertThat(p.name()).isEqualTo("r.txt");
        assertThat(JailFile.placeOf(p)).isEqualTo(JailFile.Place.OUTBOX_ENTRY);
        assertThat(JailFile.placeOf(VirtualPath.ROOT.resolve("inbox/a/b"))).isEqualTo(JailFile.Place.NOWHERE);
        assertThat(JailFile.placeOf(VirtualPath.ROOT.resolve("etc"))).isEqualTo(JailFile.Place.NOWHERE);
        assertThat(JailFile.placeOf(VirtualPath.ROOT.resolve("INBOX/x"))).isEqualTo(JailFile.Place.NOWHERE);
        assertThat(VirtualPath.ROOT.name()).isEqualTo("/");
    }
}
