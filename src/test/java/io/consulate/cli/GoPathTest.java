// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathTest {

    @ParameterizedTest(name = "join({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
            "''       | a/b     | a/b",
            "pre      | a/b     | pre/a/b",
            "pre/     | /a      | pre/a",
            "''       | a/b/    | a/b",
            "''       | a//b    | a/b",
            "pre      | ../x    | x",
            "''       | ./a/./b | a/b",
            "''       | ''      | ''",
            "''       | /a      | /a",
    })
    void joinCleansLikeGoPathJoin(String prefix, String key, String expected) {
        assertThat(GoPath.join(prefix, key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "clean({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "a/../..      | ..",
            "../../a/../.. | ../../..",
            "/../a        | /a",
            "/            | /",
            ".            | .",
            "a/b/..       | a",
    })
    void cleanResolvesDotsLexically(String path, String expected) {
        assertThat(GoPath.clean(path)).isEqualTo(expected);
    }
}
