// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvocationTest {
    private static final Set<String> KNOWN = Cli.commands().keySet();

    private static Invocation parse(String... args) {
        return Invocation.parse(List.of(args), KNOWN);
    }

    @Test
    void nestedCommandTakesTheLongestKnownNameAndPassesTheRest() {
        Invocation inv = parse("kv", "get", "-recurse", "foo");

        assertThat(inv.command()).isEqualTo("kv get");
        assertThat(inv.args()).containsExactly("-recurse", "foo");
    }

    @Test
    void unknownSubcommandFallsBackToTheGroupWithItAsAnArgument() {
        Invocation inv = parse("kv", "fetch", "foo");

        assertThat(inv.command()).isEqualTo("kv");
        assertThat(inv.args()).containsExactly("fetch", "foo");
    }

    @Test
    void argumentThatMatchesACommandNameAfterAFlagIsNotPartOfTheName() {
        Invocation inv = parse("kv", "get", "-keys", "put");

        assertThat(inv.command()).isEqualTo("kv get");
        assertThat(inv.args()).containsExactly("-keys", "put");
    }

    @Test
    void helpFlagIsSeenAnywhereBeforeDoubleDash() {
        assertThat(parse("kv", "put", "key", "-h").help()).isTrue();
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("kv", "put", "--", "-h").help()).isFalse();
    }

    @Test
    void versionFlagCountsOnlyBeforeTheCommand() {
        assertThat(parse("-v").version()).isTrue();
        assertThat(parse("--version", "members").version()).isTrue();
        assertThat(parse("members", "-version").version()).isFalse();
    }

    @Test
    void otherFlagsBeforeTheCommandAreCollected() {
        Invocation inv = parse("-stale", "kv", "get", "a");

        assertThat(inv.topFlags()).containsExactly("-stale");
        assertThat(inv.command()).isEqualTo("kv get");
    }

    @Test
    void noArgumentsMeansNoCommand() {
        assertThat(parse().command()).isEmpty();
    }
}
