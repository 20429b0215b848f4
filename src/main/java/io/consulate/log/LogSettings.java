package io.consulate.log;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Process-wide log settings, set once by the agent command from {@code log_level} and {@code log_json}.
 * Libraries that narrate at INFO (Ratis, Netty, gRPC) are held at WARN unless the level is TRACE.
 */
public final class LogSettings {
    /** Levels in Consul's order. */
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    private static volatile Level level = Level.INFO;
    private static volatile boolean json;
    private static volatile PrintStream out = System.err;

    private LogSettings() {}

    /** Applies Consul's level names ({@code trace debug info warn err}, also {@code warning error}). */
    public static void configure(String levelName, boolean jsonFormat, PrintStream stream) {
        level = switch (levelName.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARN;
            case "err", "error" -> Level.ERROR;
            default -> Level.INFO;
        };
        json = jsonFormat;
        out = stream;
    }

    static boolean enabled(String logger, Level l) {
        Level min = level;
        if (min.ordinal() > Level.TRACE.ordinal() && isLibrary(logger)) {
            min = Level.WARN.ordinal() > min.ordinal() ? Level.WARN : min;
        }
        return l.ordinal() >= min.ordinal();
    }

    private static boolean isLibrary(String logger) {
        return !logger.startsWith("io.consulate.");
    }

    static boolean json() {
        return json;
    }

    static PrintStream out() {
        return out;
    }
}
