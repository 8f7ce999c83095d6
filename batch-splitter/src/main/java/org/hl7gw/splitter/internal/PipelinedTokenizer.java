package org.hl7gw.splitter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and cuts lines on a second thread while the caller's thread parses them, so that the two halves of
 * the work overlap on two cores. The second thread runs a {@link LineTokenizer} whose listener only records
 * what it is told, per chunk of input (a {@link Chunk}: several reads, and a compact record of the lines in
 * them); the caller replays the records, in order, onto its own listener. The caller's listener (and so every
 * sink behind it) is only ever called on the caller's thread, exactly as by a {@link LineTokenizer}.
 *
 * <p>Memory stays bounded: {@value #CHUNKS} chunks circulate between the threads, and a chunk is read into
 * again only after the caller has replayed it. When the caller stops early (an exception), the reading
 * thread is stopped and joined before {@link #run} returns, so the input is never touched afterwards.
 */
final class PipelinedTokenizer {
    static final int CHUNKS = 4;

    private static final int WINDOW = 1;
    private static final int END_OF_WINDOW = 2;
    private static final int LINE_BEGIN = 3;
    private static final int START_OF_BLOCK = 4;
    private static final int CONTENT = 5;
    private static final int LINE_END = 6;
    private static final int WHOLE_LINE = 7;
    private static final Terminator[] TERMINATORS = Terminator.values();

    private final InputStream in;
    private final int chunkSize;
    private final int readSize;
    private final String threadName;
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    /** Room for every buffer and the final record. */
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private volatile boolean cancelled;
    private long bytesRead;

    /**
     * @param chunkSize bytes handed over at a time (below 8 MB)
     * @param readSize bytes asked of the input per read
     */
    PipelinedTokenizer(InputStream in, int chunkSize, int readSize, String threadName) {
        if (chunkSize >= 1 << 23 || readSize < 16 || readSize > chunkSize) {
            throw new IllegalArgumentException("chunk size " + chunkSize + ", read size " + readSize);
        }
        this.in = in;
        this.chunkSize = chunkSize;
        this.readSize = readSize;
        this.threadName = threadName;
    }

    /** Bytes read, once {@link #run} has returned. */
    long bytesRead() {
        return bytesRead;
    }

    /** Tokenizes the whole input onto {@code target}, exactly as {@link LineTokenizer#run()} would. */
    void run(LineListener target) throws IOException, BinaryDataException {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(chunkSize));
        }
        Recorder recorder = new Recorder();
        LineTokenizer tokenizer = new LineTokenizer(in, recorder, recorder);
        Thread reader = new Thread(() -> {
            Throwable failure = null;
            try {
                tokenizer.run();
            } catch (Throwable e) {
                failure = e;
            } finally {
                recorder.finish(failure);
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        try {
            replayAll(target);
        } finally {
            cancelled = true;
            joinQuietly(reader);
        }
        bytesRead = tokenizer.bytesRead();
    }

    private void replayAll(LineListener target) throws IOException, BinaryDataException {
        while (true) {
            Chunk chunk;
            try {
                chunk = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while splitting");
            }
            chunk.replay(target);
            if (chunk.last) {
                rethrow(chunk.failure);
                return;
            }
            chunk.clear();
            free.add(chunk);
        }
    }

    private static void rethrow(Throwable failure) throws IOException, BinaryDataException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof BinaryDataException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    private static void joinQuietly(Thread reader) {
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes of several consecutive reads, and what the tokenizer said about them. */
    private static final class Chunk {
        final byte[] data;
        int[] events = new int[1024];
        int size;
        boolean last;
        Throwable failure;

        Chunk(int bufferSize) {
            this.data = new byte[bufferSize];
        }

        void clear() {
            size = 0;
        }

        void add(int a) {
            ensure(1);
            events[size++] = a;
        }

        void add(int a, int b, int c) {
            ensure(3);
            events[size] = a;
            events[size + 1] = b;
            events[size + 2] = c;
            size += 3;
        }

        void add(int a, int b, int c, int d) {
            ensure(4);
            int[] ev = events;
            int s = size;
            ev[s] = a;
            ev[s + 1] = b;
            ev[s + 2] = c;
            ev[s + 3] = d;
            size = s + 4;
        }

        void add(int a, long b, long c) {
            ensure(5);
            int[] ev = events;
            int s = size;
            ev[s] = a;
            ev[s + 1] = (int) b;
            ev[s + 2] = (int) (b >>> 32);
            ev[s + 3] = (int) c;
            ev[s + 4] = (int) (c >>> 32);
            size = s + 5;
        }

        private void ensure(int n) {
            if (size + n > events.length) {
                events = Arrays.copyOf(events, Math.max(size + n, events.length * 2));
            }
        }

        /**
         * Calls {@code target} as the tokenizer called the recorder. Line numbers and offsets of whole lines
         * are not recorded: they follow from the window's and from the lines before, as in the tokenizer.
         */
        void replay(LineListener target) throws IOException {
            int[] ev = events;
            long base = 0;
            long line = 0;
            int i = 0;
            while (i < size) {
                int op = ev[i];
                switch (op & 0xFF) {
                    case WHOLE_LINE -> {
                        int start = ev[i + 1];
                        target.wholeLine(data, start, ev[i + 2], TERMINATORS[op >>> 8], line++, base + start, ev[i + 3]);
                        i += 4;
                    }
                    case WINDOW -> {
                        base = longAt(ev, i + 1);
                        line = longAt(ev, i + 3);
                        target.window(data, op >>> 8, base, line);
                        i += 5;
                    }
                    case END_OF_WINDOW -> {
                        target.endOfWindow();
                        i++;
                    }
                    case LINE_BEGIN -> {
                        line = longAt(ev, i + 1);
                        target.lineBegin(line, longAt(ev, i + 3));
                        i += 5;
                    }
                    case START_OF_BLOCK -> {
                        target.startOfBlock();
                        i++;
                    }
                    case CONTENT -> {
                        target.content(data, ev[i + 1], ev[i + 2]);
                        i += 3;
                    }
                    case LINE_END -> {
                        Terminator t = TERMINATORS[op >>> 8];
                        target.lineEnd(t);
                        if (t != Terminator.EOF) {
                            line++;
                        }
                        i++;
                    }
                    default -> throw new IllegalStateException("corrupt chunk record " + op);
                }
            }
        }

        private static long longAt(int[] ev, int i) {
            return (ev[i] & 0xFFFFFFFFL) | ((long) ev[i + 1] << 32);
        }
    }

    /**
     * The reading thread's listener and buffer supply. A chunk is filled by several reads of at most
     * {@code readSize} bytes (small reads stay in the CPU cache on their way in), and handed over when full.
     */
    private final class Recorder implements LineListener, LineTokenizer.Buffers {
        private Chunk current;
        /** Bytes of the current chunk filled by reads so far. */
        private int filled;
        private int regionFrom;
        private int regionLength;

        /** The tokenizer is done: hands over what is left, with the failure that stopped it if any. */
        void finish(Throwable failure) {
            Chunk end = current != null ? current : new Chunk(0);
            end.add(END_OF_WINDOW);
            end.last = true;
            end.failure = failure;
            full.add(end);
        }

        @Override
        public byte[] next() throws IOException {
            if (cancelled) {
                throw new InterruptedIOException("splitting stopped");
            }
            if (current != null && filled == current.data.length) {
                current.add(END_OF_WINDOW);
                full.add(current);
                current = null;
            }
            if (current == null) {
                current = takeFree();
                filled = 0;
            }
            regionFrom = filled;
            regionLength = Math.min(readSize, current.data.length - filled);
            return current.data;
        }

        private Chunk takeFree() throws IOException {
            try {
                Chunk next;
                while ((next = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                    if (cancelled) {
                        throw new InterruptedIOException("splitting stopped");
                    }
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
        }

        @Override
        public int from() {
            return regionFrom;
        }

        @Override
        public int length() {
            return regionLength;
        }

        @Override
        public void window(byte[] buffer, int limit, long offset, long line) {
            filled = limit;
            current.add(WINDOW | limit << 8, offset, line);
        }

        @Override
        public void endOfWindow() {
            // the chunk is handed over, with its own end-of-window record, when it is full
        }

        @Override
        public void lineBegin(long line, long offset) {
            current.add(LINE_BEGIN, line, offset);
        }

        @Override
        public void startOfBlock() {
            current.add(START_OF_BLOCK);
        }

        @Override
        public void content(byte[] bytes, int offset, int length) {
            current.add(CONTENT, offset, length);
        }

        @Override
        public void lineEnd(Terminator terminator) {
            current.add(LINE_END | terminator.ordinal() << 8);
        }

        @Override
        public void wholeLine(byte[] b, int start, int end, Terminator t, long line, long offset, int head) {
            current.add(WHOLE_LINE | t.ordinal() << 8, start, end, head);
        }
    }
}
