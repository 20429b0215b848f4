// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class FlagsTest {

    @Test
    void uint64AcceptsGoBasePrefixesAndTheFullUnsignedRange() {
        assertThat(Flags.Uint64.parse("42")).isEqualTo(42L);
        assertThat(Flags.Uint64.parse("0x1F")).isEqualTo(31L);
        assertThat(Flags.Uint64.parse("0b101")).isEqualTo(5L);
        assertThat(Flags.Uint64.parse("0o17")).isEqualTo(15L);
        assertThat(Flags.Uint64.parse("017")).isEqualTo(15L);
        assertThat(Flags.Uint64.parse("1_000")).isEqualTo(1000L);
        assertThat(Long.toUnsignedString(Flags.Uint64.parse("18446744073709551615")))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void uint64RejectsSignsGarbageAndOverflow() {
        for (String bad : new String[] {"-1", "+1", "abc", "", "0x", "18446744073709551616"}) {
            assertThatThrownBy(() -> Flags.Uint64.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void wrapBreaksBetweenWordsWithinTheWidth() {
        assertThat(Flags.wrap("aaa bbb ccc ddd", 7)).containsExactly("aaa bbb", "ccc ddd");
        assertThat(Flags.wrap("averyveryverylongword x", 5)).containsExactly("averyveryverylongword", "x");
    }

    @Test
    void helpGroupsSharedHttpFlagsBeforeTheCommandsOwnFlags() {
        String help = new KvDeleteCommand().help();

        assertThat(help).startsWith("Usage: consulate kv delete [options] KEY_OR_PREFIX");
        assertThat(help.indexOf("HTTP API Options")).isLessThan(help.indexOf("Command Options"));
        assertThat(help).contains("\n  -http-addr=<address>\n", "\n  -stale\n", "\n  -modify-index=<uint>\n",
                "\n  -recurse\n");
        assertThat(help.substring(help.indexOf("Command Options"))).doesNotContain("-http-addr");
    }
}
