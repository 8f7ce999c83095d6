package org.hl7gw.splitter;

import java.util.Objects;

/**
 * How strictly files are read.
 *
 * @param countMismatch what a wrong BTS-1/FTS-1 count does
 * @param maxSegmentLength longest segment accepted, in bytes
 * @param maxMessageSize largest message accepted, in bytes; also the most memory one message may take
 * @param maxProblems errors (and, separately, warnings) kept per file; further ones are only counted
 */
public record SplitterSettings(CountMismatchPolicy countMismatch, int maxSegmentLength, int maxMessageSize, int maxProblems) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_SEGMENT_LENGTH = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_PROBLEMS = 100;

    public SplitterSettings {
        Objects.requireNonNull(countMismatch, "countMismatch");
        if (maxSegmentLength < 64) {
            throw new IllegalArgumentException("maxSegmentLength must be at least 64 bytes, got " + maxSegmentLength);
        }
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize must be at least 64 bytes, got " + maxMessageSize);
        }
        if (maxProblems < 1) {
            throw new IllegalArgumentException("maxProblems must be at least 1, got " + maxProblems);
        }
    }

    public static SplitterSettings defaults() {
        return new SplitterSettings(CountMismatchPolicy.REJECT, DEFAULT_MAX_SEGMENT_LENGTH, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_PROBLEMS);
    }

    public SplitterSettings withCountMismatch(CountMismatchPolicy policy) {
        return new SplitterSettings(policy, maxSegmentLength, maxMessageSize, maxProblems);
    }

    public SplitterSettings withLimits(int segmentLength, int messageSize) {
        return new SplitterSettings(countMismatch, segmentLength, messageSize, maxProblems);
    }
}
