package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;

import org.junit.jupiter.api.Test;

class MessageHeaderTest {

    @Test
    void headerFieldsAreRead() {
        Read r = Read.of(cr("MSH|^~\\&|LABSYS|ACME LAB|GW|HOSP|20261122||ORU^R01^ORU_R01|CTRL-7|P|2.5.1"));
        MessageHeader h = r.messages.get(0).header();

        assertThat(h.controlId().value()).isEqualTo("CTRL-7");
        assertThat(h.type()).isEqualTo("ORU^R01^ORU_R01");
        assertThat(h.sendingApplication()).isEqualTo("LABSYS");
        assertThat(h.sendingFacility()).isEqualTo("ACME LAB");
        assertThat(h.version()).isEqualTo("2.5.1");
        assertThat(h.fieldSeparator()).isEqualTo('|');
        assertThat(h.encodingCharacters()).isEqualTo("^~\\&");
    }

    @Test
    void truncationCharacterOfV27IsAllowed() {
        Read r = Read.of(cr("MSH|^~\\&#|A|B|C|D|2026||ADT^A01|9|P|2.7"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.messages.get(0).header().encodingCharacters()).isEqualTo("^~\\&#");
    }

    @Test
    void customDelimitersAreHonoured() {
        Read r = Read.of(cr("MSH#!@%*#A#B#C#D#2026##ADT!A01#77#P#2.5", "PID#1##X"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.messages.get(0).header().controlId().value()).isEqualTo("77");
        assertThat(r.messages.get(0).header().type()).isEqualTo("ADT!A01");
    }

    @Test
    void threeEncodingCharactersAreAnError() {
        Read r = Read.of(cr("MSH|^~&|A|B|C|D|2026||ADT^A01|1|P|2.5"));
        assertThat(r.errors()).singleElement().asString()
                .contains("line 1 (offset 0) MSH: MSH-2 must hold 4 or 5 encoding characters").contains("found 3 ('^~&')");
        assertThat(r.messages).isEmpty();
    }

    @Test
    void repeatedEncodingCharactersAreAWarning() {
        Read r = Read.of(cr("MSH|^~\\\\&|A|B|C|D|2026||ADT^A01|1|P|2.6"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("repeats an encoding character");
    }

    @Test
    void emptyMessageTypeIsAnError() {
        Read r = Read.of(cr("MSH|^~\\&|A|B|C|D|2026|||1|P|2.5"));
        assertThat(r.errors()).singleElement().asString().contains("MSH-9 (message type) is empty");
    }

    @Test
    void emptyControlIdIsAnError() {
        Read r = Read.of(cr("MSH|^~\\&|A|B|C|D|2026||ADT^A01||P|2.5"));
        assertThat(r.errors()).singleElement().asString().contains("MSH-10 (message control ID) is empty");
    }

    @Test
    void shortMessageHeaderMissesItsControlId() {
        Read r = Read.of(cr("MSH|^~\\&|A"));
        assertThat(r.errors()).hasSize(2);
    }

    @Test
    void mshWithoutFieldSeparatorIsNotAMessage() {
        Read r = Read.of(cr("MSH"));
        assertThat(r.report.valid()).isFalse();
    }
}
