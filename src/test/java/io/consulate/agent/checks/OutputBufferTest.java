// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputBufferTest {

    private static void write(OutputBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes, 0, bytes.length);
    }

    @Test
    void keepsEverythingWhileUnderCapacity() {
        OutputBuffer b = new OutputBuffer(8);
        write(b, "abc");
        write(b, "de");

        assertThat(b.text()).isEqualTo("abcde");
        assertThat(b.textWithTruncationNote()).isEqualTo("abcde");
    }

    @Test
    void keepsTheLastBytesAcrossManySmallWrites() {
        OutputBuffer b = new OutputBuffer(4);
        for (char c = 'a'; c <= 'j'; c++) {
            write(b, String.valueOf(c));
        }

        assertThat(b.text()).isEqualTo("ghij");
        assertThat(b.totalWritten()).isEqualTo(10);
    }

    @Test
    void keepsTheLastBytesOfAWriteLargerThanTheBuffer() {
        OutputBuffer b = new OutputBuffer(4);
        write(b, "xy");
        write(b, "0123456789");

        assertThat(b.text()).isEqualTo("6789");
        assertThat(b.textWithTruncationNote()).isEqualTo("Captured 4 of 12 bytes\n...\n6789");
    }
}
