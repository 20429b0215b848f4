// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Response compression as Consul's HTTP API does it (since 1.0.7): a client that sends
 * {@code Accept-Encoding: gzip} gets a gzip body. Go's HTTP client, python-requests and OkHttp all ask for it
 * and decompress transparently, so discovery answers of a hundred instances (about 90 KB of repetitive JSON)
 * travel as a few KB. Bodies under {@link #MIN_SIZE} are sent as they are: they fit one packet anyway.
 */
public final class Gzip {
    /** Smaller bodies are not worth compressing (one Ethernet MTU, as gziphandler's default). */
    public static final int MIN_SIZE = 1400;

    private Gzip() {
    }

    /** Whether an {@code Accept-Encoding} value admits gzip ({@code gzip} or {@code *}, without {@code q=0}). */
    public static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return false;
        }
        for (String part : acceptEncoding.split(",", 32)) {
            String[] fields = part.split(";", 8);
            String coding = fields[0].trim();
            if ((coding.equalsIgnoreCase("gzip") || coding.equals("*")) && !zeroQuality(fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String p = fields[i].trim();
            if (p.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return true; // an unreadable weight is treated as "not acceptable"
                }
            }
        }
        return false;
    }

    /** The gzip encoding of {@code body} (fast level: the answer path favours CPU over the last few bytes). */
    public static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }

    /** A supplier that compresses {@code body} on first use and keeps the result, for bodies served many times. */
    public static Supplier<byte[]> memoized(byte[] body) {
        return new Supplier<>() {
            private volatile byte[] done;

            @Override
            public byte[] get() {
                byte[] d = done;
                if (d == null) {
                    d = compress(body); // a race compresses twice; both results are equal
                    done = d;
                }
                return d;
            }
        };
    }
}
