package io.consulate.log;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes Consul-style lines (text or JSON) to the agent's log stream. */
final class ConsulateLogger extends LegacyAbstractLogger {
    private final String module;

    ConsulateLogger(String name) {
        this.name = name;
        this.module = LogLine.module(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return LogSettings.enabled(name, LogSettings.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogSettings.enabled(name, LogSettings.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogSettings.enabled(name, LogSettings.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogSettings.enabled(name, LogSettings.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogSettings.enabled(name, LogSettings.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable t) {
        LogSettings.Level l = switch (level) {
            case TRACE -> LogSettings.Level.TRACE;
            case DEBUG -> LogSettings.Level.DEBUG;
            case INFO -> LogSettings.Level.INFO;
            case WARN -> LogSettings.Level.WARN;
            case ERROR -> LogSettings.Level.ERROR;
        };
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        Instant now = Instant.now();
        String line = LogSettings.json() ? LogLine.json(now, l, module, message, t)
                : LogLine.text(now, l, module, message, t);
        var out = LogSettings.out();
        synchronized (out) {
            out.println(line);
            if (t != null && !LogSettings.json() && l == LogSettings.Level.ERROR) {
                t.printStackTrace(out);
            }
        }
    }
}
