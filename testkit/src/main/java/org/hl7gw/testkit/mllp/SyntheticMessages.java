package org.hl7gw.testkit.mllp;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded synthetic HL7 v2.5 ADT^A01 messages (invented names and numbers, no real patient) that HAPI parses,
 * each with a given control ID; the same seed gives the same messages.
 */
public final class SyntheticMessages {
    private static final String[] FAMILY = {"SMITH", "NGUYEN", "GARCIA", "MULLER", "ROSSI", "TANAKA", "OKAFOR", "DUBOIS", "KOWALSKI", "SILVA"};
    private static final String[] GIVEN = {"ALEX", "SAM", "JORDAN", "ROBIN", "KIM", "CASEY", "TAYLOR", "MORGAN", "JAMIE", "RILEY"};
    private static final String[] STREET = {"MAIN ST", "OAK AVE", "ELM RD", "PINE LN", "CEDAR BLVD", "MAPLE DR"};

    private final Random random;

    public SyntheticMessages(long seed) {
        this.random = new Random(seed);
    }

    /** A message of about {@code approximateLength} bytes (at least about 300) with the given MSH-10. */
    public byte[] adtA01(String controlId, int approximateLength) {
        StringBuilder m = new StringBuilder(approximateLength + 200);
        String ts = String.format("2024%02d%02d%02d%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                random.nextInt(60), random.nextInt(60));
        m.append("MSH|^~\\&|HL7GW|GATEWAY|HIS|HOSPITAL|").append(ts).append("||ADT^A01^ADT_A01|").append(controlId).append("|P|2.5\r");
        m.append("EVN|A01|").append(ts).append('\r');
        String family = FAMILY[random.nextInt(FAMILY.length)];
        String given = GIVEN[random.nextInt(GIVEN.length)];
        m.append("PID|1||").append(100000 + random.nextInt(900000)).append("^^^HOSP^MR||").append(family).append('^').append(given)
                .append("||19").append(50 + random.nextInt(50)).append(String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                .append('|').append(random.nextBoolean() ? 'M' : 'F').append("|||").append(1 + random.nextInt(999)).append(' ')
                .append(STREET[random.nextInt(STREET.length)]).append("^^SPRINGFIELD^ST^").append(10000 + random.nextInt(89999)).append('\r');
        m.append("PV1|1|I|WARD").append(random.nextInt(20)).append('^').append(100 + random.nextInt(400)).append("^1|||||||MED\r");
        int obx = 1;
        while (m.length() < approximateLength - 60) {
            m.append("OBX|").append(obx++).append("|TX|NOTE^Note||");
            int words = 8 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                m.append(w == 0 ? "" : " ").append(Integer.toString(random.nextInt(Integer.MAX_VALUE), 36));
            }
            m.append("||||||F\r");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
