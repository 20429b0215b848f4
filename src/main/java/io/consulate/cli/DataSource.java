// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a command's DATA argument comes from, with Consul's conventions: {@code @path} reads a file,
 * {@code -} alone reads stdin, anything else (including {@code -x}) is the data itself. Bytes are kept as
 * they are, so binary files round-trip.
 */
final class DataSource {
    private DataSource() {}

    /** Why loading failed, worded as Consul words it ("Failed to read file: ..."). */
    static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        LoadException(String message) {
            super(message);
        }
    }

    static byte[] load(String data, Terminal terminal) throws LoadException {
        if (data.isEmpty()) {
            return new byte[0];
        }
        if (data.charAt(0) == '@') {
            String file = data.substring(1);
            try {
                return Files.readAllBytes(Path.of(file));
            } catch (IOException | RuntimeException e) {
                throw new LoadException("Failed to read file: " + describe(file, e));
            }
        }
        if (data.equals("-")) {
            try {
                return terminal.in().readAllBytes();
            } catch (IOException e) {
                throw new LoadException("Failed to read stdin: " + e.getMessage());
            }
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /** A file error in the words of Go's {@code os} package, which is what Consul users see. */
    static String describe(String file, Exception e) {
        if (e instanceof InvalidPathException) {
            return "open " + file + ": invalid argument";
        }
        if (e instanceof NoSuchFileException) {
            return "open " + file + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "open " + file + ": permission denied";
        }
        if (Files.isDirectory(Path.of(file))) {
            return "read " + file + ": is a directory";
        }
        return "open " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
