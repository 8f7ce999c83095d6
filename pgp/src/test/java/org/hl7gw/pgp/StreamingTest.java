package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import org.awaitility.Awaitility;
import org.hl7gw.core.Sha256;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MiB signed file streams through a JVM whose heap is smaller than the file (the module's tests run
 * with -Xmx32m, see pom.xml), and the signature hashing thread ends with the stream.
 */
@ExtendWith(GpgWorld.Extension.class)
class StreamingTest {
    private static final long SIZE = 50L << 20;

    @TempDir
    static Path dir;
    static Path message;
    static String plaintextSha256;

    private final GpgWorld w;

    StreamingTest(GpgWorld world) {
        this.w = world;
    }

    @BeforeAll
    static void encryptFiftyMegabytes(GpgWorld world) {
        long started = System.nanoTime();
        MessageDigest digest = Sha256.newDigest();
        message = world.gpg.encrypt(stdin -> {
            OutputStream both = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    digest.update(b, off, len);
                    stdin.write(b, off, len);
                }
            };
            try (OutputStream buffered = new java.io.BufferedOutputStream(both, 1 << 16)) {
                Payloads.hl7Lines(99, SIZE, buffered);
            }
        }, dir.resolve("fifty.gpg"), Options.create().recipient(world.gatewayEd).signer(world.partnerEd));
        plaintextSha256 = HexFormat.of().formatHex(digest.digest());
        System.out.printf("gpg encrypted and signed 50 MiB in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void decryptsFiftyMegabytesLargerThanTheHeapByteForByte() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(SIZE);
        MessageDigest digest = Sha256.newDigest();
        long count = 0;
        PgpResult result;
        try (InputStream in = Files.newInputStream(message); PgpStream plain = w.decryptor(w.gatewayEd, w.partnerEd).open(in)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = plain.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                count += n;
            }
            result = plain.verify();
        }

        assertThat(count).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(plaintextSha256);
        assertThat(result.plaintextBytes()).isEqualTo(SIZE);
        assertThat(result.signatureVerified()).isTrue();
        assertThat(result.compression()).isEqualTo("ZLIB");
    }

    @Test
    void verifyReadsWhatTheCallerLeftAndChecksEverything() throws IOException {
        try (InputStream in = Files.newInputStream(message); PgpStream plain = w.decryptor(w.gatewayEd, w.partnerEd).open(in)) {
            assertThat(discard(plain, 1 << 20)).isEqualTo(1 << 20);

            PgpResult result = plain.verify();

            assertThat(result.plaintextBytes()).isEqualTo(SIZE);
            assertThat(result.signatureVerified()).isTrue();
            assertThat(plain.result()).isSameAs(result);
        }
    }

    @Test
    void closingBeforeTheEndVerifiesNothingAndStopsTheHashingThread() throws IOException {
        PgpStream plain;
        try (InputStream in = Files.newInputStream(message)) {
            plain = w.decryptor(w.gatewayEd, w.partnerEd).open(in);
            assertThat(discard(plain, 10 << 20)).isEqualTo(10 << 20); // past the inline part: a hashing thread runs
            assertThat(hashingThreads()).isPositive();
            plain.close();
        }

        assertThatThrownBy(plain::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("not verified");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hashingThreads() == 0);
    }

    private static long discard(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long done = 0;
        while (done < bytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - done));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static long hashingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pgp-signature-hash") && t.isAlive()).count();
    }
}
