package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"x.part", "x.hl7.PART", "x.tmp", "x.TMP", "x.filepart", ".x.hl7", ".hidden"})
    void temporaryNames(String name) {
        assertThat(FileNames.isTemporary(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.hl7", "part", "x.partial", "tmp.hl7", "x.hl7.bak", "x.", "ADT_20240101.txt"})
    void finalNames(String name) {
        assertThat(FileNames.isTemporary(name)).isFalse();
        assertThat(FileNames.isWritable(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "a\u0001b", "a\rb"})
    void unwritableNames(String name) {
        assertThat(FileNames.isWritable(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void namesLongerThan255BytesAreRefused() {
        assertThat(FileNames.isWritable("é".repeat(127))).isTrue();
        assertThat(FileNames.isWritable("é".repeat(128))).isFalse();
    }
}
