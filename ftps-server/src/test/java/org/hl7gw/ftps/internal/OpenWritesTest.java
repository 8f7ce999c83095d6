package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenWritesTest {
    @TempDir
    Path dir;
    private final OpenWrites writes = new OpenWrites();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aNewerWriterSupersedesTheOlderOneWhoseFurtherWritesFail() throws IOException {
        Path file = dir.resolve("x.hl7");
        OpenWrites.Writer older = writes.open(file, 0);
        older.write(bytes("OLDER-OLDER"));

        OpenWrites.Writer newer = writes.open(file, 0);
        newer.write(bytes("NEW"));

        assertThatThrownBy(() -> older.write(bytes("MORE"))).isInstanceOf(IOException.class).hasMessageContaining("newer upload");
        assertThat(older.superseded()).isTrue();
        assertThat(newer.superseded()).isFalse();
        older.close();
        assertThat(writes.hasCurrentWriter(file)).isTrue();
        newer.close();
        assertThat(writes.hasCurrentWriter(file)).isFalse();
        assertThat(writes.isOpen(file)).isFalse();
        assertThat(file).hasContent("NEW");
    }

    @Test
    void anOpenSupersededWriterStillCountsAsOpenButNotAsCurrent() throws IOException {
        Path file = dir.resolve("x.hl7");
        OpenWrites.Writer older = writes.open(file, 0);
        OpenWrites.Writer newer = writes.open(file, 0);
        newer.close();

        assertThat(writes.hasCurrentWriter(file)).isFalse();
        assertThat(writes.isOpen(file)).isTrue();
        older.close();
        assertThat(writes.isOpen(file)).isFalse();
    }

    @Test
    void anOffsetResumesAndZeroTruncates() throws IOException {
        Path file = dir.resolve("x.hl7");
        Files.writeString(file, "ABCDEF");
        try (OpenWrites.Writer w = writes.open(file, 3)) {
            w.write(bytes("xy"));
        }
        assertThat(file).hasContent("ABCxyF");
        try (OpenWrites.Writer w = writes.open(file, 0)) {
            w.write(bytes("z"));
        }
        assertThat(file).hasContent("z");
        assertThatThrownBy(() -> writes.open(file, 5)).isInstanceOf(IOException.class).hasMessageContaining("beyond the end");
        assertThat(writes.isOpen(file)).isFalse();
    }

    @Test
    void aSymbolicLinkIsNotOpened() throws IOException {
        Path target = Files.writeString(dir.resolve("target"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        assertThatThrownBy(() -> writes.open(link, 0)).isInstanceOf(IOException.class);
        assertThat(target).hasContent("keep");
    }
}
