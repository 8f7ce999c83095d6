package org.hl7gw.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.hl7gw.sftp.internal.Location.Area;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FolderPolicyTest {

    private static Location at(String path) {
        return Location.of(Path.of(path));
    }

    @ParameterizedTest
    @CsvSource({
        "/, '', HOME",
        "/.., '', HOME",
        "/../../etc/passwd, etc/passwd, HIDDEN",
        "/inbox/../../outbox/r.txt, outbox/r.txt, OUTBOX",
        "/inbox/./a/../x.hl7, inbox/x.hl7, INBOX",
        "/inboxes/x, inboxes/x, HIDDEN"})
    void dotDotNeverClimbsAboveTheHome(String path, String names, Area area) {
        Location l = at(path);

        assertThat(String.join("/", l.names())).isEqualTo(names);
        assertThat(l.area()).isEqualTo(area);
    }

    @Test
    void aLocationMapsUnderTheHome() {
        assertThat(at("/inbox/x.hl7").under(Path.of("/srv/acme"))).isEqualTo(Path.of("/srv/acme/inbox/x.hl7"));
        assertThat(at("/").under(Path.of("/srv/acme"))).isEqualTo(Path.of("/srv/acme"));
        assertThat(at("/inbox/x.hl7")).hasToString("/inbox/x.hl7");
    }

    @Test
    void onlyFilesDirectlyInTheInboxCanBeWritten() {
        Set<StandardOpenOption> write = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);

        assertThatCode(() -> FolderPolicy.checkOpen(at("/inbox/x.hl7"), write)).doesNotThrowAnyException();
        for (String p : List.of("/outbox/x.hl7", "/", "/inbox", "/inbox/sub/x.hl7")) {
            assertThatThrownBy(() -> FolderPolicy.checkOpen(at(p), write)).as(p).isInstanceOf(AccessDeniedException.class);
        }
        // outside inbox and outbox nothing exists, not even to be refused
        assertThatThrownBy(() -> FolderPolicy.checkOpen(at("/x.hl7"), write)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> FolderPolicy.checkOpen(at("/etc/x"), write)).isInstanceOf(NoSuchFileException.class);
        assertThatCode(() -> FolderPolicy.checkOpen(at("/inbox/x.hl7"), Set.of(StandardOpenOption.APPEND)))
                .doesNotThrowAnyException();
    }

    @Test
    void readingWorksInTheInboxAndOutboxOnly() {
        Set<StandardOpenOption> read = Set.of(StandardOpenOption.READ);

        assertThatCode(() -> FolderPolicy.checkOpen(at("/outbox/r.txt"), read)).doesNotThrowAnyException();
        assertThatCode(() -> FolderPolicy.checkOpen(at("/inbox/x.hl7"), read)).doesNotThrowAnyException();
        assertThatThrownBy(() -> FolderPolicy.checkOpen(at("/notes.txt"), read)).isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/inbox/bad\nname.hl7", "/inbox/bad\\name.hl7", "/inbox/bell\u0007.hl7", "/inbox/del\u007f"})
    void newNamesWithControlCharactersOrBackslashesAreRefused(String path) {
        assertThatThrownBy(() -> FolderPolicy.checkOpen(at(path), Set.of(StandardOpenOption.WRITE)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkRename(at("/inbox/ok.hl7.part"), at(path)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void renamesStayWithinTheInboxOrWithinTheOutbox() {
        assertThatCode(() -> FolderPolicy.checkRename(at("/inbox/x.part"), at("/inbox/x.hl7"))).doesNotThrowAnyException();
        assertThatCode(() -> FolderPolicy.checkRename(at("/outbox/r.txt"), at("/outbox/r.done"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> FolderPolicy.checkRename(at("/inbox/x.hl7"), at("/outbox/x.hl7")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkRename(at("/outbox/r.txt"), at("/inbox/r.hl7")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkRename(at("/inbox"), at("/inbox/in"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkRename(at("/inbox"), at("/in"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void filesCanBeDeletedInTheInboxAndOutboxButNoDirectory() {
        assertThatCode(() -> FolderPolicy.checkRemove(at("/inbox/x.hl7.part"), false)).doesNotThrowAnyException();
        assertThatCode(() -> FolderPolicy.checkRemove(at("/outbox/r.txt"), false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> FolderPolicy.checkRemove(at("/outbox"), true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkRemove(at("/inbox/sub"), true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void onlyTimesOfInboxFilesCanBeSet() {
        assertThatCode(() -> FolderPolicy.checkSetAttribute(at("/inbox/x.hl7"), "lastModifiedTime"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FolderPolicy.checkSetAttribute(at("/outbox/r.txt"), "lastModifiedTime"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> FolderPolicy.checkSetAttribute(at("/inbox/x.hl7"), "size"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @CsvSource({"x.hl7.part, true", "x.hl7.tmp, true", "x.hl7.filepart, true", ".x.hl7, true", "X.HL7.PART, true",
        "x.hl7, false", "part, false", "x.partial, false", "x.tmp.hl7, false"})
    void temporaryNames(String name, boolean temporary) {
        assertThat(TemporaryNames.isTemporary(name)).isEqualTo(temporary);
        assertThat(TemporaryNames.isTemporary(Path.of("/inbox").resolve(name))).isEqualTo(temporary);
    }
}
