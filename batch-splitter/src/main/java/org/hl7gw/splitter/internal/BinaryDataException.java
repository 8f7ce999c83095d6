package org.hl7gw.splitter.internal;

/** A byte that no HL7 v2 text file contains (a control character other than CR, LF, TAB and MLLP framing). */
final class BinaryDataException extends Exception {
    private static final long serialVersionUID = 1L;
    final int value;
    final long line;
    final long offset;

    BinaryDataException(int value, long line, long offset) {
        super(null, null, false, false);
        this.value = value;
        this.line = line;
        this.offset = offset;
    }
}
