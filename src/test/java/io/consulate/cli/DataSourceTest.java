// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {

    private static Terminal stdin(byte[] in) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new Terminal(nowhere, nowhere, new ByteArrayInputStream(in), Map.of());
    }

    @Test
    void atPathReadsTheFileByteForByte(@TempDir Path dir) throws Exception {
        byte[] binary = {0, (byte) 0xff, '\n', 42};
        Path file = Files.write(dir.resolve("v.bin"), binary);

        assertThat(DataSource.load("@" + file, stdin(new byte[0]))).containsExactly(binary);
    }

    @Test
    void dashAloneReadsStdin() throws Exception {
        assertThat(DataSource.load("-", stdin("piped\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("piped\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anythingElseIsTheDataItselfIncludingADashPrefix() throws Exception {
        assertThat(DataSource.load("-5", stdin(new byte[0]))).isEqualTo("-5".getBytes(StandardCharsets.UTF_8));
        assertThat(DataSource.load("héllo", stdin(new byte[0]))).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(DataSource.load("", stdin(new byte[0]))).isEmpty();
    }

    @Test
    void missingFileIsReportedInGoWords(@TempDir Path dir) {
        String missing = dir.resolve("nope.txt").toString();

        assertThatThrownBy(() -> DataSource.load("@" + missing, stdin(new byte[0])))
                .hasMessage("Failed to read file: open " + missing + ": no such file or directory");
    }

    @Test
    void directoryIsReportedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> DataSource.load("@" + dir, stdin(new byte[0])))
                .hasMessage("Failed to read file: read " + dir + ": is a directory");
    }
}
