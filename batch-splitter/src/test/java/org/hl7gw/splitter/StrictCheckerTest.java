package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;

import org.junit.jupiter.api.Test;

class StrictCheckerTest {

    @Test
    void aWellFormedMessagePasses() {
        Read r = Read.of(cr("MSH|^~\\&|LAB|ACME|GW|HOSP|20261122083000||ADT^A01^ADT_A01|42|P|2.5.1", "EVN|A01|20261122083000",
                "PID|1||12345^^^ACME^MR||DOE^JANE||19700101|F", "PV1|1|I"));
        try (StrictChecker checker = new StrictChecker()) {
            assertThat(checker.check(r.messages.get(0))).isEmpty();
        }
    }

    @Test
    void whatHapiRejectsIsReportedWithoutTheFieldValue() {
        Read r = Read.of(cr("MSH|^~\\&|LAB|ACME|GW|HOSP|20261122083000||ADT^A01^ADT_A01|43|P|2.5.1", "EVN|A01|20261122083000",
                "PID|1||12345^^^ACME^MR||DOE^JANE||NOT-A-DATE-SMITH|F", "PV1|1|I"));
        try (StrictChecker checker = new StrictChecker()) {
            var problem = checker.check(r.messages.get(0));
            assertThat(problem).isPresent();
            assertThat(problem.get().text()).startsWith("HAPI rejects message 1 (control ID 43): ").doesNotContain("SMITH");
            assertThat(problem.get().line()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownVersionIsRejected() {
        Read r = Read.of(cr("MSH|^~\\&|LAB|ACME|GW|HOSP|20261122083000||ADT^A01|44|P|9.9"));
        try (StrictChecker checker = new StrictChecker()) {
            assertThat(checker.check(r.messages.get(0))).isPresent();
        }
    }
}
