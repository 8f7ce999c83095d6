package org.hl7gw.mllp.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.mllp.ack.InvalidAckException.Reason;
import org.hl7gw.testkit.mllp.SyntheticMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AckParserTest {

    private static Ack parse(String text) {
        return AckParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(AckCode.class)
    void readsEveryOriginalAndEnhancedModeCode(AckCode code) {
        Ack ack = parse("MSH|^~\\&|R|RF|S|SF|20240101120000||ACK|A1|P|2.5\rMSA|" + code + "|MSG00042\r");
        assertThat(ack.code()).isEqualTo(code);
        assertThat(ack.acknowledgedControlId()).isEqualTo(ControlId.of("MSG00042"));
        assertThat(ack.textMessage()).isEmpty();
        assertThat(ack.errorCode()).isEmpty();
    }

    @ParameterizedTest(name = "segments ended by {0}")
    @ValueSource(strings = {"\r", "\n", "\r\n"})
    void toleratesLineFeedAndCrLfBetweenSegments(String end) {
        Ack ack = parse("MSH|^~\\&|R|RF|S|SF|20240101||ACK|A1|P|2.5" + end + "MSA|AE|X-9|busy" + end);
        assertThat(ack.code()).isEqualTo(AckCode.AE);
        assertThat(ack.acknowledgedControlId().value()).isEqualTo("X-9");
        assertThat(ack.textMessage()).isEqualTo("busy");
    }

    @Test
    void takesTheFieldSeparatorFromMsh1() {
        Ack ack = parse("MSH#^~\\&#R#RF#S#SF#20240101##ACK#A1#P#2.5\rMSA#AR#ID|WITH|BARS#no\r");
        assertThat(ack.code()).isEqualTo(AckCode.AR);
        assertThat(ack.acknowledgedControlId().value()).isEqualTo("ID|WITH|BARS");
        assertThat(ack.textMessage()).isEqualTo("no");
    }

    @Test
    void readsOnlyTheFirstComponentOfMsa2AndIgnoresSurroundingSpaces() {
        Ack ack = parse("MSH|^~\\&|R\rMSA| AA | 123 ^extra|ok\r");
        assertThat(ack.code()).isEqualTo(AckCode.AA);
        assertThat(ack.acknowledgedControlId().value()).isEqualTo("123");
    }

    @Test
    void keepsTheTextShortAndReadsTheErrorCode() {
        String longText = "x".repeat(500);
        Ack ack = parse("MSH|^~\\&|R|RF|S|SF|20240101||ACK|A1|P|2.5\rMSA|AE|7|" + longText + "\rERR||PID^1^3|207^Application internal error^HL70357|E\r");
        assertThat(ack.textMessage()).hasSize(Ack.MAX_TEXT);
        assertThat(ack.errorCode()).isEqualTo("207");
        assertThat(ack.describe()).startsWith("AE (207): xxx");
    }

    @Test
    void readsTheErrorConditionOfOlderVersionsFromMsa6() {
        Ack ack = parse("MSH|^~\\&|R|RF|S|SF|20240101||ACK|A1|P|2.3\rMSA|AR|7|bad|||100^Segment sequence error\r");
        assertThat(ack.errorCode()).isEqualTo("100");
    }

    @Test
    void skipsSegmentsBeforeAndAfterMsaAndLeadingLineBreaks() {
        Ack ack = parse("\r\nMSH|^~\\&|R\rSFT|vendor\rMSA|CA|C1\rZZZ|custom\r");
        assertThat(ack.code()).isEqualTo(AckCode.CA);
        assertThat(ack.acknowledgedControlId().value()).isEqualTo("C1");
    }

    static Stream<Arguments> invalidAcks() {
        return Stream.of(
                Arguments.of("", Reason.EMPTY),
                Arguments.of("\r\r", Reason.EMPTY),
                Arguments.of("PID|1||SECRET^NAME\rMSA|AA|1\r", Reason.NO_MSH),
                Arguments.of("MSH|", Reason.BAD_MSH),
                Arguments.of("MSH\r", Reason.BAD_MSH),
                Arguments.of("MSH|^~\\&|R\rPID|1||SECRET^NAME\r", Reason.NO_MSA),
                Arguments.of("MSH|^~\\&|R\rMSA|SECRET|1\r", Reason.UNKNOWN_CODE),
                Arguments.of("MSH|^~\\&|R\rMSA||1\r", Reason.UNKNOWN_CODE),
                Arguments.of("MSH|^~\\&|R\rMSA|AA\r", Reason.NO_CONTROL_ID),
                Arguments.of("MSH|^~\\&|R\rMSA|AA|   |SECRET\r", Reason.NO_CONTROL_ID),
                Arguments.of("MSH|^~\\&|R\rMSA|AA|^SECRET\r", Reason.NO_CONTROL_ID),
                Arguments.of("MSH|^~\\&|R\rMSA|AA|" + "9".repeat(200) + "\r", Reason.CONTROL_ID_TOO_LONG),
                Arguments.of("MSH|^~\\&|R\rMSAX|AA|1\r", Reason.NO_MSA));
    }

    @ParameterizedTest
    @MethodSource("invalidAcks")
    void refusesWhatIsNotAnAckWithAReasonAndWithoutContent(String text, Reason reason) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(InvalidAckException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).doesNotContain("SECRET").doesNotContain("NAME");
        });
    }

    @Test
    void agreesWithHapiOnAcksHapiGenerates() throws Exception {
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            SyntheticMessages messages = new SyntheticMessages(42);
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                String controlId = "C" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                Message message = hapi.getPipeParser().parse(new String(messages.adtA01(controlId, 600), StandardCharsets.US_ASCII));
                AcknowledgmentCode code = AcknowledgmentCode.values()[random.nextInt(AcknowledgmentCode.values().length)];
                boolean accepted = code == AcknowledgmentCode.AA || code == AcknowledgmentCode.CA;
                Message ackMessage = message.generateACK(code, accepted ? null : new HL7Exception("rejected " + i));
                String encoded = ackMessage.encode();
                Terser t = new Terser(ackMessage);

                Ack ack = parse(encoded);

                assertThat(ack.code().name()).isEqualTo(t.get("/MSA-1"));
                assertThat(ack.acknowledgedControlId().value()).isEqualTo(t.get("/MSA-2")).isEqualTo(controlId);
            }
        }
    }
}
