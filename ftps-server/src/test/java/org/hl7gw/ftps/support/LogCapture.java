package org.hl7gw.ftps.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects every log event of the test JVM (all loggers) while open. */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** A captured line: level, logger, the formatted message and any exception messages. */
    public record Line(Level level, String logger, String text) {
    }

    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        synchronized (appender.list) {
            for (ILoggingEvent e : appender.list) {
                StringBuilder text = new StringBuilder(e.getFormattedMessage());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                out.add(new Line(e.getLevel(), e.getLoggerName(), text.toString()));
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
