package io.consulate.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats one log line the way Consul's logger does, as text or as JSON ({@code -log-json}). */
final class LogLine {
    private static final DateTimeFormatter TEXT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private LogLine() {}

    static String text(Instant at, LogSettings.Level level, String module, String message, Throwable t) {
        String tag = "[" + (level == LogSettings.Level.WARN ? "WARN" : level.name()) + "]";
        StringBuilder sb = new StringBuilder(96 + message.length());
        sb.append(TEXT_TIME.format(at)).append(' ').append(String.format("%-7s", tag)).append(' ')
                .append(module).append(": ").append(message);
        if (t != null) {
            sb.append(": error=\"").append(t).append('"');
        }
        return sb.toString();
    }

    static String json(Instant at, LogSettings.Level level, String module, String message, Throwable t) {
        StringBuilder sb = new StringBuilder(128 + message.length());
        sb.append("{\"@level\":\"").append(level.name().toLowerCase(Locale.ROOT))
                .append("\",\"@message\":\"").append(escape(message))
                .append("\",\"@module\":\"").append(escape(module))
                .append("\",\"@timestamp\":\"").append(DateTimeFormatter.ISO_INSTANT.format(at)).append('"');
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            sb.append(",\"error\":\"").append(escape(trace.toString())).append('"');
        }
        return sb.append('}').toString();
    }

    /** Consul's module is the component, not the class path: "agent", "http", "raft"... */
    static String module(String loggerName) {
        if (loggerName.startsWith("org.apache.ratis")) {
            return "agent.server.raft";
        }
        if (loggerName.startsWith("io.consulate.")) {
            String rest = loggerName.substring("io.consulate.".length());
            int dot = rest.lastIndexOf('.');
            return dot < 0 ? rest.toLowerCase(Locale.ROOT) : rest.substring(0, dot);
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(0, dot);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
