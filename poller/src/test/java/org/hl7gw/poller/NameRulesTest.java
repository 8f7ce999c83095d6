package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hl7gw.poller.internal.NameRules;
import org.junit.jupiter.api.Test;

class NameRulesTest {

    @Test
    void namePatternsMatchTheFileNameAndPathPatternsThePathBelowTheFolder() {
        NameRules rules = new NameRules(new Selection(List.of("*.hl7", "lab/*.txt"), List.of("*_TEST*", "old/**"), true),
                Stability.defaults(), new AfterAction.Delete());

        assertThat(rules.selected("ADT_1.hl7")).isTrue();
        assertThat(rules.selected("sub/deeper/ADT_1.hl7")).as("name pattern, any folder").isTrue();
        assertThat(rules.selected("lab/r.txt")).isTrue();
        assertThat(rules.selected("other/r.txt")).isFalse();
        assertThat(rules.selected("ADT_TEST_1.hl7")).isFalse();
        assertThat(rules.selected("old/x/ADT_1.hl7")).isFalse();
        assertThat(rules.selected("ADT_1.HL7")).as("globs are case-sensitive").isFalse();
    }

    @Test
    void temporaryNamesAreRecognisedWhateverTheCase() {
        NameRules rules = new NameRules(Selection.defaults(), Stability.defaults(), new AfterAction.Delete());

        assertThat(List.of("a.part", "a.PART", "a.hl7.tmp", "b.filepart", ".hidden", "sub/.x.hl7")).allMatch(rules::temporary);
        assertThat(List.of("a.hl7", "partial.hl7", "tmp.hl7", "a.parts")).noneMatch(rules::temporary);
    }

    @Test
    void markersAndTheMoveFolderAreNeverCandidates() {
        NameRules rules = new NameRules(new Selection(List.of("*"), List.of(), true), new Stability.DoneMarker(".done"),
                new AfterAction.Move("archive/2024"));

        assertThat(rules.marker("a.hl7.done")).isTrue();
        assertThat(rules.marker(".done")).as("a marker needs a name before its suffix").isFalse();
        assertThat(rules.marker("a.hl7")).isFalse();
        assertThat(rules.underMoveFolder("archive/2024/a.hl7")).isTrue();
        assertThat(rules.underMoveFolder("archive/2023/a.hl7")).isFalse();
        assertThat(rules.descendInto("archive/2024")).isFalse();
        assertThat(rules.descendInto("archive")).isTrue();
        assertThat(rules.descendInto(".snapshot")).isFalse();
        assertThat(new NameRules(Selection.defaults(), Stability.defaults(), new AfterAction.Leave()).descendInto("lab"))
                .as("not recursive").isFalse();
    }
}
