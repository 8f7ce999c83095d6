package org.hl7gw.splitter.internal;

import java.io.IOException;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.ByteSizes;
import org.hl7gw.splitter.CountMismatchPolicy;
import org.hl7gw.splitter.MessageHeader;
import org.hl7gw.splitter.MessageSink;
import org.hl7gw.splitter.SplitMessage;
import org.hl7gw.splitter.SplitterSettings;

/**
 * Turns physical lines into segments, segments into messages, and checks the batch envelope
 * {@code [FHS] { [BHS] { MSH ... } [BTS] } [FTS]} with its counts. One instance reads one file.
 *
 * <p>Segment boundaries: every line that starts a segment (three upper-case letters or digits followed by
 * the field separator, or ending right after them) begins one. A line that does not start a segment is an
 * error, except inside OBX-5 text where it follows a line feed (LF or CRLF): there the line feed and the line
 * are data of the OBX segment, kept byte for byte. Blank lines (nothing, or only spaces and tabs) between
 * segments are skipped.
 */
final class BatchParser implements LineListener {
    private static final byte[] NO_BYTES = new byte[0];
    private static final int HEAD = 4;

    private enum LineState {
        /** Fewer than four bytes seen; not classified yet. */
        HEAD,
        /** Only spaces and tabs so far. */
        MAYBE_BLANK,
        /** The line starts a segment; its bytes go to the segment. */
        SEGMENT,
        /** The line continues the open OBX segment's text. */
        CONTINUATION,
        /** The line is in error; its bytes are dropped. */
        SKIP
    }

    private final String fileName;
    private final SplitterSettings settings;
    private final MessageSink sink;
    private final boolean captureBytes;
    private final Problems problems;

    // the current physical line
    private long lineNo;
    private long lineOffset;
    private LineState lineState;
    private final byte[] head = new byte[HEAD];
    private int headLen;
    /** Line break and blank lines since the last segment line, kept while they may turn out to be OBX text. */
    private final BoundedBytes gap;
    private boolean gapMayBeText;
    /** Leading blanks of the current line, kept while it may turn out to be OBX text. */
    private final BoundedBytes leadingBlanks;

    // the current segment
    private boolean segmentOpen;
    private int segmentId;
    private long segmentLine;
    private long segmentOffset;
    private long segmentLength;
    private boolean segmentTooLong;
    private boolean segmentInMessage;
    private boolean segmentIsHeader;
    private boolean segmentIsObx;
    private int obxSeparators;
    private final BoundedBytes headerBytes;

    // the current message
    private boolean messageOpen;
    private long messageSeq;
    private long messageLine;
    private long messageOffset;
    private int messageBatch;
    private MessageHeader messageHeader;
    private boolean messageBroken;
    private final MessageBytes messageBytes;
    private long messages;

    // separators in force
    private byte fileSeparator;
    private byte batchSeparator;
    private byte messageSeparator;

    // envelope
    private boolean anySegment;
    private boolean fhsSeen;
    private long fhsLine;
    private long fhsOffset;
    private boolean ftsSeen;
    private boolean afterFtsReported;
    private boolean batchOpen;
    private long bhsLine;
    private long bhsOffset;
    private int explicitBatches;
    private long messagesInBatch;
    private boolean implicitBatch;
    private long firstImplicitLine;
    private long lastTrailerLine;
    private String lastTrailer = "";

    // MLLP framing written into the file
    private boolean blockOpen;
    private long blockLine;
    private long blockOffset;
    private boolean blockHasContent;

    private boolean anyContent;

    BatchParser(String fileName, SplitterSettings settings, MessageSink sink, boolean captureBytes, Problems problems) {
        this.fileName = fileName;
        this.settings = settings;
        this.sink = sink;
        this.captureBytes = captureBytes;
        this.problems = problems;
        this.gap = new BoundedBytes(64, settings.maxSegmentLength());
        this.leadingBlanks = new BoundedBytes(64, settings.maxSegmentLength());
        this.headerBytes = new BoundedBytes(1024, settings.maxSegmentLength());
        this.messageBytes = new MessageBytes(captureBytes ? settings.maxMessageSize() : 1);
    }

    long messages() {
        return messages;
    }

    int batches() {
        return explicitBatches + (implicitBatch ? 1 : 0);
    }

    // ------------------------------------------------------------------ lines

    @Override
    public void lineBegin(long line, long offset) {
        lineNo = line;
        lineOffset = offset;
        lineState = LineState.HEAD;
        headLen = 0;
        leadingBlanks.clear();
    }

    /**
     * The common case in one call: an ordinary segment line (not MSH, not the envelope, not OBX text that a
     * line feed may continue) of the open message, whole in the read buffer. It is complete at once: its
     * bytes and a CR go to the message. Anything else takes the general path.
     */
    @Override
    public void wholeLine(byte[] b, int start, int end, Terminator t, long line, long offset, int head) throws IOException {
        int len = end - start;
        if (len >= HEAD && len <= settings.maxSegmentLength() && messageOpen && !ftsSeen && (byte) head == messageSeparator
                && Ascii.alnum((byte) (head >>> 24)) && Ascii.alnum((byte) (head >>> 16)) && Ascii.alnum((byte) (head >>> 8))) {
            int id = head >>> 8;
            if (!SegmentIds.closesMessage(id) && (id != SegmentIds.OBX || !t.mayBeTextBreak())) {
                if (segmentOpen) {
                    endSegment();
                }
                if (blockOpen) {
                    blockHasContent = true;
                }
                gapMayBeText = false;
                addToMessage(b, start, len);
                addCarriageReturn();
                return;
            }
        }
        LineListener.super.wholeLine(b, start, end, t, line, offset, head);
    }

    @Override
    public void window(byte[] buffer, int limit, long offset, long line) {
        if (captureBytes) {
            messageBytes.window(buffer, limit);
        }
    }

    @Override
    public void endOfWindow() {
        if (captureBytes) {
            messageBytes.endOfWindow();
        }
    }

    @Override
    public void startOfBlock() {
        if (blockOpen) {
            problems.error(lineNo, lineOffset, "", "MLLP start-of-block 0x0B while the block opened at line " + blockLine
                    + " is not closed; expected 0x1C 0x0D first");
        }
        blockOpen = true;
        blockLine = lineNo;
        blockOffset = lineOffset;
        blockHasContent = false;
    }

    @Override
    public void content(byte[] b, int off, int len) throws IOException {
        if (lineState == LineState.HEAD) {
            if (headLen == 0 && len >= HEAD) {
                // the common case: the head is in this slice, and its bytes stay there for the message
                System.arraycopy(b, off, head, 0, HEAD);
                headLen = HEAD;
                classify(false, b, off);
                off += HEAD;
                len -= HEAD;
                if (len > 0) {
                    restOfLine(b, off, len);
                }
                return;
            }
            int take = Math.min(HEAD - headLen, len);
            System.arraycopy(b, off, head, headLen, take);
            headLen += take;
            off += take;
            len -= take;
            if (headLen < HEAD) {
                return;
            }
            classify(false, head, 0);
        }
        if (len > 0) {
            restOfLine(b, off, len);
        }
    }

    /** Content after the line's head is classified. */
    private void restOfLine(byte[] b, int off, int len) throws IOException {
        switch (lineState) {
            case SEGMENT, CONTINUATION -> segmentContent(b, off, len);
            case MAYBE_BLANK -> {
                int k = off;
                int end = off + len;
                while (k < end && (b[k] == ' ' || b[k] == '\t')) {
                    k++;
                }
                leadingBlanks.append(b, off, k - off);
                if (k < end) {
                    text();
                    if (lineState == LineState.CONTINUATION) {
                        segmentContent(b, k, end - k);
                    }
                }
            }
            default -> { }
        }
    }

    @Override
    public void lineEnd(Terminator t) throws IOException {
        if (lineState == LineState.HEAD) {
            classify(true, head, 0);
        }
        switch (lineState) {
            case SEGMENT, CONTINUATION -> {
                gap.clear();
                gapMayBeText = segmentIsObx && t.mayBeTextBreak() && obxSeparators >= 5 && !segmentTooLong;
                if (gapMayBeText) {
                    gap.append(t.bytes(), 0, t.bytes().length);
                }
            }
            case HEAD, MAYBE_BLANK -> {
                // a blank line
                if (gapMayBeText) {
                    gapMayBeText = t.mayBeTextBreak()
                            && gap.append(leadingBlanks.array(), 0, leadingBlanks.size())
                            && gap.append(t.bytes(), 0, t.bytes().length);
                }
            }
            case SKIP -> gapMayBeText = false;
        }
        if (t == Terminator.END_OF_BLOCK) {
            gapMayBeText = false;
            endOfBlock();
        }
        if (t == Terminator.EOF) {
            finish();
        }
    }

    /**
     * Decides what the line is from its first bytes ({@code complete}: the line has no more); {@code src} at
     * {@code srcOff} holds the same bytes as {@link #head}, where they were read.
     */
    private void classify(boolean complete, byte[] src, int srcOff) throws IOException {
        if (headLen == 0 || isBlank(head, headLen)) {
            lineState = LineState.MAYBE_BLANK;
            leadingBlanks.append(head, 0, headLen);
            return;
        }
        anyContent = true;
        if (blockOpen) {
            blockHasContent = true;
        }
        int id = segmentIdOf(complete);
        if (id != 0) {
            lineState = LineState.SEGMENT;
            startSegment(id);
            segmentContent(src, srcOff, headLen);
        } else {
            text();
            if (lineState == LineState.CONTINUATION) {
                segmentContent(src, srcOff, headLen);
            }
        }
    }

    /** The segment ID (see {@link SegmentIds}) if the head starts a segment, else 0. */
    private int segmentIdOf(boolean complete) {
        if (headLen < 3 || !Ascii.alnum(head[0]) || !Ascii.alnum(head[1]) || !Ascii.alnum(head[2])) {
            return 0;
        }
        int id = SegmentIds.code(head[0], head[1], head[2]);
        if (headLen == 3) {
            return complete ? id : 0;
        }
        byte sep = head[3];
        if (SegmentIds.definesSeparator(id) ? Ascii.validSeparator(sep) : sep == expectedSeparator(id)) {
            return id;
        }
        return 0;
    }

    /** A line that is not a segment: OBX text after a line feed, or an error. */
    private void text() throws IOException {
        anyContent = true;
        if (blockOpen) {
            blockHasContent = true;
        }
        if (segmentOpen && gapMayBeText) {
            lineState = LineState.CONTINUATION;
            segmentContent(gap.array(), 0, gap.size());
            segmentContent(leadingBlanks.array(), 0, leadingBlanks.size());
            gap.clear();
            return;
        }
        lineState = LineState.SKIP;
        String sep = Ascii.printable(expectedSeparator(0));
        problems.error(lineNo, lineOffset, "", "line is not a segment: expected a segment ID (3 upper-case letters or digits) followed by '"
                + sep + "'" + describeHead());
    }

    /**
     * The shape of a line that is not a segment, without quoting it (it may be free text): what an operator
     * needs to find the fault.
     */
    private String describeHead() {
        if (head[0] == ' ' || head[0] == '\t') {
            return ", found leading whitespace";
        }
        for (int i = 0; i < headLen; i++) {
            if (head[i] < 0x20 || head[i] >= 0x7F) {
                return ", found non-ASCII bytes";
            }
        }
        int ids = 0;
        while (ids < headLen && Ascii.alnum(head[ids])) {
            ids++;
        }
        if (ids == 0) {
            return head[0] >= 'a' && head[0] <= 'z' ? ", found lower-case letters" : ", found '" + Ascii.printable(head[0]) + "'";
        }
        if (ids < 3 && ids < headLen && Ascii.validSeparator(head[ids])) {
            return ", found a segment ID of " + ids + " character" + (ids == 1 ? "" : "s");
        }
        if (ids == 3 && headLen == 4) {
            return Ascii.validSeparator(head[3]) ? ", found the separator '" + Ascii.printable(head[3]) + "'"
                    : Ascii.alnum(head[3]) ? ", found a segment ID longer than 3 characters" : ", found lower-case letters";
        }
        if (ids == HEAD) {
            return ", found a segment ID longer than 3 characters";
        }
        return ", found lower-case letters";
    }

    // ------------------------------------------------------------------ segments

    private void startSegment(int id) throws IOException {
        endSegment();
        if (ftsSeen || SegmentIds.closesMessage(id)) {
            closeMessage();
        }
        gap.clear();
        gapMayBeText = false;
        segmentOpen = true;
        segmentId = id;
        segmentLine = lineNo;
        segmentOffset = lineOffset;
        segmentLength = 0;
        segmentTooLong = false;
        segmentIsObx = id == SegmentIds.OBX;
        obxSeparators = 0;
        segmentIsHeader = false;
        segmentInMessage = false;
        headerBytes.clear();

        if (ftsSeen) {
            if (!afterFtsReported) {
                afterFtsReported = true;
                error(id, "segment after FTS (line " + lastTrailerLine + "): nothing may follow the file trailer");
            }
            return;
        }
        boolean first = !anySegment;
        anySegment = true;
        if (id == SegmentIds.MSH) {
            segmentIsHeader = true;
            segmentInMessage = true;
            messageSeparator = head[3];
            openMessage();
        } else if (messageOpen && !SegmentIds.closesMessage(id)) {
            segmentInMessage = true;
        } else if (id == SegmentIds.FHS) {
            segmentIsHeader = true;
            fileSeparator = head[3];
            if (fhsSeen) {
                error(id, "second FHS: the file already has one at line " + fhsLine);
            } else if (!first) {
                error(id, "FHS must be the first segment of the file");
            }
            fhsSeen = true;
            fhsLine = lineNo;
            fhsOffset = lineOffset;
        } else if (id == SegmentIds.BHS) {
            segmentIsHeader = true;
            batchSeparator = head[3];
            if (batchOpen) {
                error(id, "BHS inside an open batch: the BHS at line " + bhsLine + " has no BTS");
            }
            if (implicitBatch) {
                error(id, "BHS after messages that are outside any batch (the first at line " + firstImplicitLine
                        + "): use BHS/BTS around every message or around none");
            }
            batchOpen = true;
            bhsLine = lineNo;
            bhsOffset = lineOffset;
            explicitBatches++;
            messagesInBatch = 0;
        } else if (id == SegmentIds.BTS || id == SegmentIds.FTS) {
            segmentIsHeader = true;
        } else if (messages == 0 && !batchOpen && lastTrailer.isEmpty()) {
            error(id, "segment before the first MSH: expected FHS, BHS or MSH");
        } else if (!lastTrailer.isEmpty()) {
            error(id, "segment outside a message: after " + lastTrailer + " (line " + lastTrailerLine + ") expected MSH, BHS, BTS or FTS");
        } else {
            error(id, "segment outside a message: after BHS (line " + bhsLine + ") expected MSH or BTS");
        }
    }

    private void error(int id, String text) {
        problems.error(lineNo, lineOffset, SegmentIds.name(id), text);
    }

    private void segmentContent(byte[] b, int off, int len) throws IOException {
        if (len == 0 || !segmentOpen) {
            return;
        }
        segmentLength += len;
        if (segmentLength > settings.maxSegmentLength()) {
            if (!segmentTooLong) {
                segmentTooLong = true;
                problems.error(segmentLine, segmentOffset, SegmentIds.name(segmentId), "segment is longer than the limit of "
                        + ByteSizes.format(settings.maxSegmentLength()));
                messageBroken = true;
            }
            return;
        }
        if (segmentIsObx && obxSeparators < 5) {
            byte sep = messageSeparator;
            for (int i = off, end = off + len; i < end && obxSeparators < 5; i++) {
                if (b[i] == sep) {
                    obxSeparators++;
                }
            }
        }
        if (segmentIsHeader) {
            headerBytes.append(b, off, len);
        }
        if (segmentInMessage) {
            addToMessage(b, off, len);
        }
    }

    /** Counts message bytes against the limit, and keeps them when splitting. */
    private void addToMessage(byte[] b, int off, int len) {
        messageSize += len;
        if (messageBroken) {
            return;
        }
        if (messageSize > settings.maxMessageSize()) {
            messageTooLarge();
        } else if (captureBytes) {
            messageBytes.append(b, off, len);
        }
    }

    private void addCarriageReturn() {
        messageSize++;
        if (messageBroken) {
            return;
        }
        if (messageSize > settings.maxMessageSize()) {
            messageTooLarge();
        } else if (captureBytes) {
            messageBytes.appendCarriageReturn();
        }
    }

    private void messageTooLarge() {
        messageBroken = true;
        problems.error(messageLine, messageOffset, "MSH", "message" + controlIdText() + " is larger than the limit of "
                + ByteSizes.format(settings.maxMessageSize()));
    }

    private void endSegment() throws IOException {
        if (!segmentOpen) {
            return;
        }
        segmentOpen = false;
        if (segmentInMessage) {
            addCarriageReturn();
        }
        if (segmentIsHeader && !segmentTooLong) {
            if (segmentId == SegmentIds.MSH) {
                readMessageHeader();
            } else if (segmentId == SegmentIds.BTS) {
                endBatch();
            } else if (segmentId == SegmentIds.FTS) {
                endFile();
            }
        }
    }

    private long messageSize;

    // ------------------------------------------------------------------ messages

    private void openMessage() {
        messageOpen = true;
        messages++;
        messageSeq = messages;
        messageLine = lineNo;
        messageOffset = lineOffset;
        messageHeader = null;
        messageBroken = false;
        messageBytes.clear();
        messageSize = 0;
        if (batchOpen) {
            messagesInBatch++;
            messageBatch = explicitBatches;
        } else {
            if (explicitBatches > 0) {
                problems.error(lineNo, lineOffset, "MSH", "message outside BHS/BTS although the file uses batches (last BTS at line "
                        + lastTrailerLine + ")");
            }
            if (!implicitBatch) {
                implicitBatch = true;
                firstImplicitLine = lineNo;
            }
            messageBatch = Math.max(1, explicitBatches);
        }
    }

    /** Hands the open message on; the segment that ended it has already ended. */
    private void closeMessage() throws IOException {
        if (!messageOpen) {
            return;
        }
        messageOpen = false;
        if (messageHeader != null && !messageBroken) {
            byte[] bytes = captureBytes ? messageBytes.toArray() : NO_BYTES;
            sink.message(new SplitMessage(messageSeq, messageBatch, messageLine, messageOffset, messageHeader, bytes));
        }
        messageBytes.clear();
    }

    private void readMessageHeader() {
        MshReading reading = MshReading.of(headerBytes.array(), 0, headerBytes.size());
        if (reading.warning() != null) {
            problems.warning(segmentLine, segmentOffset, "MSH", reading.warning());
        }
        for (String error : reading.errors()) {
            problems.error(segmentLine, segmentOffset, "MSH", error);
        }
        if (reading.header() == null) {
            messageBroken = true;
            return;
        }
        messageHeader = reading.header();
    }

    private String controlIdText() {
        return messageHeader == null ? " " + messageSeq : " " + messageSeq + " (control ID " + messageHeader.controlId() + ")";
    }

    // ------------------------------------------------------------------ envelope

    private void endBatch() {
        lastTrailer = "BTS";
        lastTrailerLine = segmentLine;
        if (!batchOpen) {
            problems.error(segmentLine, segmentOffset, "BTS", "BTS without BHS: a batch trailer needs its batch header");
            return;
        }
        batchOpen = false;
        Long claimed = count("BTS");
        if (claimed != null && claimed != messagesInBatch) {
            mismatch("BTS", "BTS-1 claims " + claimed + " message" + plural(claimed) + " but batch " + explicitBatches
                    + " (line " + bhsLine + ") holds " + messagesInBatch);
        }
    }

    private void endFile() {
        lastTrailer = "FTS";
        lastTrailerLine = segmentLine;
        if (!fhsSeen) {
            problems.error(segmentLine, segmentOffset, "FTS", "FTS without FHS: a file trailer needs its file header");
        }
        if (batchOpen) {
            problems.error(segmentLine, segmentOffset, "FTS", "FTS while the batch of the BHS at line " + bhsLine + " has no BTS");
            batchOpen = false;
        }
        ftsSeen = true;
        Long claimed = count("FTS");
        int batches = batches();
        if (claimed != null && claimed != batches) {
            mismatch("FTS", "FTS-1 claims " + claimed + " batch" + (claimed == 1 ? "" : "es") + " but the file"
                    + (fhsSeen ? " (FHS line " + fhsLine + ")" : "") + " holds " + batches);
        }
    }

    /** BTS-1 / FTS-1 of the trailer in {@link #headerBytes}: digits with optional surrounding spaces; empty claims nothing. */
    private Long count(String segment) {
        Fields fields = new Fields(headerBytes.array(), headerBytes.size(), separatorOf(headerBytes));
        if (!fields.has(1)) {
            return null;
        }
        String t = new String(headerBytes.array(), fields.start(1), fields.end(1) - fields.start(1),
                java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.error(segmentLine, segmentOffset, segment, segment + "-1 must be a count of "
                    + (segment.equals("BTS") ? "messages" : "batches") + "; found '" + printableRun(t) + "'");
            return null;
        }
        return Long.parseLong(t);
    }

    private void mismatch(String segment, String text) {
        if (settings.countMismatch() == CountMismatchPolicy.REJECT) {
            problems.error(segmentLine, segmentOffset, segment, text);
        } else {
            problems.warning(segmentLine, segmentOffset, segment, text + " (accepted: count mismatch policy is warn)");
        }
    }

    private void endOfBlock() {
        if (!blockOpen) {
            problems.error(lineNo, lineOffset, "", "MLLP end-of-block 0x1C without a start-of-block 0x0B");
            return;
        }
        blockOpen = false;
    }

    private void finish() throws IOException {
        endSegment();
        closeMessage();
        if (blockOpen) {
            if (blockHasContent) {
                problems.error(blockLine, blockOffset, "", "MLLP block opened by 0x0B is not closed by 0x1C 0x0D before the end of the file: truncated?");
            } else {
                problems.warning(blockLine, blockOffset, "", "stray MLLP start-of-block byte 0x0B with nothing after it; ignored");
            }
        }
        if (batchOpen) {
            problems.error(bhsLine, bhsOffset, "BHS", "BHS has no BTS before the end of the file: truncated, or the batch trailer is missing");
        }
        if (fhsSeen && !ftsSeen) {
            problems.error(fhsLine, fhsOffset, "FHS", "FHS has no FTS before the end of the file: truncated, or the file trailer is missing");
        }
        if (!anyContent) {
            problems.fileError("empty file: no segments found");
        } else if (!anySegment) {
            problems.fileError("no segments found: expected FHS, BHS or MSH");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The field separator a line must show after its segment ID: the batch's for BTS, the file's for FTS. */
    private byte expectedSeparator(int id) {
        if (id == SegmentIds.BTS && batchSeparator != 0) {
            return batchSeparator;
        }
        if (id == SegmentIds.FTS && fileSeparator != 0) {
            return fileSeparator;
        }
        return messageSeparator != 0 ? messageSeparator
                : batchSeparator != 0 ? batchSeparator
                : fileSeparator != 0 ? fileSeparator : (byte) '|';
    }

    private static byte separatorOf(BoundedBytes segment) {
        return segment.size() > 3 ? segment.get(3) : (byte) '|';
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String printableRun(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    String fileName() {
        return fileName;
    }
}
