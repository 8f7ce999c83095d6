package org.hl7gw.bench.mllp;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7gw.mllp.ack.Ack;
import org.hl7gw.mllp.ack.AckParser;
import org.hl7gw.testkit.mllp.SyntheticMessages;

/**
 * What reading an ACK costs: the lane's {@link AckParser} against HAPI's PipeParser + Terser on the same
 * HAPI-generated ACKs (all six codes). Prints nanoseconds per ACK, medians of several rounds.
 *
 * <pre>
 *   java ... org.hl7gw.bench.mllp.AckParserCost [ACKS (default 200000)]
 * </pre>
 */
public final class AckParserCost {
    private AckParserCost() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        MllpLaneBenchmark.quietLogging();
        List<String> acks = new ArrayList<>();
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            SyntheticMessages generator = new SyntheticMessages(MllpLaneBenchmark.SEED);
            AcknowledgmentCode[] codes = AcknowledgmentCode.values();
            for (int i = 0; i < 1000; i++) {
                Message m = hapi.getPipeParser().parse(new String(generator.adtA01("ACK" + i, 600), StandardCharsets.US_ASCII));
                AcknowledgmentCode code = codes[i % codes.length];
                boolean ok = code == AcknowledgmentCode.AA || code == AcknowledgmentCode.CA;
                acks.add(m.generateACK(code, ok ? null : new HL7Exception("error " + i)).encode());
            }
            List<byte[]> bytes = acks.stream().map(a -> a.getBytes(StandardCharsets.US_ASCII)).toList();
            PipeParser pipe = hapi.getPipeParser();
            double[] ours = new double[5];
            double[] theirs = new double[5];
            long sink = 0;
            for (int round = -1; round < ours.length; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    Ack ack = AckParser.parse(bytes.get(i % bytes.size()));
                    sink += ack.acknowledgedControlId().value().length() + ack.code().ordinal();
                }
                long t1 = System.nanoTime();
                int hapiCount = count / 10;
                for (int i = 0; i < hapiCount; i++) {
                    Terser t = new Terser(pipe.parse(acks.get(i % acks.size())));
                    sink += t.get("/MSA-2").length() + t.get("/MSA-1").length();
                }
                long t2 = System.nanoTime();
                if (round >= 0) {
                    ours[round] = (t1 - t0) / (double) count;
                    theirs[round] = (t2 - t1) / (double) hapiCount;
                }
            }
            java.util.Arrays.sort(ours);
            java.util.Arrays.sort(theirs);
            System.out.printf(Locale.ROOT, "AckParser: %.0f ns/ACK (%,.0f ACKs/s); HAPI PipeParser+Terser: %.0f ns/ACK (%,.0f ACKs/s); %.0fx (sink %d)%n",
                    ours[2], 1e9 / ours[2], theirs[2], 1e9 / theirs[2], theirs[2] / ours[2], sink % 10);
        }
    }
}
