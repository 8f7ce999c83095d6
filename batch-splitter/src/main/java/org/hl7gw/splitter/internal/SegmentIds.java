package org.hl7gw.splitter.internal;

/** Segment IDs packed into an int (three ASCII bytes), so that the per-line work allocates nothing. */
final class SegmentIds {
    static final int MSH = code('M', 'S', 'H');
    static final int FHS = code('F', 'H', 'S');
    static final int BHS = code('B', 'H', 'S');
    static final int BTS = code('B', 'T', 'S');
    static final int FTS = code('F', 'T', 'S');
    static final int OBX = code('O', 'B', 'X');

    private SegmentIds() {
    }

    static int code(int a, int b, int c) {
        return (a & 0xFF) << 16 | (b & 0xFF) << 8 | (c & 0xFF);
    }

    /** Segments that close the open message: the envelope and the next MSH. */
    static boolean closesMessage(int id) {
        return id == MSH || id == FHS || id == BHS || id == BTS || id == FTS;
    }

    /** Segments whose fourth byte defines the field separator. */
    static boolean definesSeparator(int id) {
        return id == MSH || id == FHS || id == BHS;
    }

    static String name(int id) {
        if (id == 0) {
            return "";
        }
        return new String(new char[] {(char) (id >>> 16 & 0xFF), (char) (id >>> 8 & 0xFF), (char) (id & 0xFF)});
    }
}
