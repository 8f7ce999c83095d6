package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hl7gw.testkit.Corpus;
import org.hl7gw.testkit.gpg.GnuPg.Compression;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Content-based detection of armored, binary and plaintext payloads. */
@ExtendWith(GpgWorld.Extension.class)
class PgpDetectorTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    PgpDetectorTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void detectsEveryCorpusHl7FileAsPlaintext() throws IOException {
        Corpus corpus = Corpus.locate();
        List<String> misjudged = new ArrayList<>();
        List<Path> files = corpus.files();
        for (Path f : files) {
            if (PgpDetector.detect(Files.readAllBytes(f)) != PayloadKind.PLAINTEXT) {
                misjudged.add(corpus.relative(f));
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        assertThat(misjudged).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MSH|^~\\&|A", "FHS|^~\\&|A", "BHS|^~\\&|A", "\uFEFFMSH|^~\\&|A", "\u000BMSH|^~\\&|A", "", " ", "\r\n",
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n", "-----BEGIN PGP MESSAGE", "x-----BEGIN PGP MESSAGE-----"})
    void detectsHl7AndOtherTextAsPlaintext(String start) {
        assertThat(PgpDetector.detect(start.getBytes(StandardCharsets.UTF_8))).isEqualTo(PayloadKind.PLAINTEXT);
    }

    @Test
    void takesNoByteWithTheHighBitClearForAPacketHeader() {
        for (int b = 0; b < 0x80; b++) {
            assertThat(PgpDetector.detect(new byte[] {(byte) b, 3, 3, 3, 3, 3, 3, 3})).as("first byte %02X", b)
                    .isEqualTo(PayloadKind.PLAINTEXT);
        }
    }

    @Test
    void detectsArmoredMessageAfterLeadingWhitespace() {
        assertThat(PgpDetector.detect("\r\n  \t\n-----BEGIN PGP MESSAGE-----\n\nhQ".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(PayloadKind.ARMORED);
    }

    @Test
    void detectsWhatGnuPgWritesAsBinaryOrArmored() throws IOException {
        Path plain = Payloads.corpusBatch();
        List<Options> binary = List.of(
                Options.create().recipient(w.gatewayEd),
                Options.create().recipient(w.gatewayRsa).signer(w.partnerEd),
                Options.create().hiddenRecipient(w.gatewayEd),
                Options.create().recipient(w.gatewayEd).withoutIntegrity(),
                Options.create().signer(w.partnerEd),
                Options.create().signer(w.partnerEd).compression(Compression.NONE));
        int i = 0;
        for (Options o : binary) {
            Path msg = w.gpg.encrypt(plain, tmp.resolve("b" + i++ + ".gpg"), o);
            assertThat(PgpDetector.detect(Files.readAllBytes(msg))).as(msg.toString()).isEqualTo(PayloadKind.BINARY);
        }
        Path armored = w.gpg.encrypt(plain, tmp.resolve("a.asc"), Options.create().recipient(w.gatewayEd).armor());
        assertThat(PgpDetector.detect(Files.readAllBytes(armored))).isEqualTo(PayloadKind.ARMORED);
    }

    @Test
    void detectsFromAStreamAndLeavesItUnread() throws IOException {
        byte[] hl7 = Payloads.corpusBatchBytes();
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(hl7));

        assertThat(PgpDetector.detect(in)).isEqualTo(PayloadKind.PLAINTEXT);
        assertThat(in.readAllBytes()).isEqualTo(hl7);
    }
}
