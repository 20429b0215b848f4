// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "\"{0}\" parses to {1} ns")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "-0|0",
        "+0|0",
        "5s|5000000000",
        "+5s|5000000000",
        "-5s|-5000000000",
        "30s|30000000000",
        "15.0s|15000000000",
        "5.s|5000000000",
        ".5s|500000000",
        "1.004s|1004000000",
        "100.00100s|100001000000",
        "0.001s|1000000",
        "10ns|10",
        "11us|11000",
        "12µs|12000",
        "12μs|12000",
        "13ms|13000000",
        "15m|900000000000",
        "16h|57600000000000",
        "1h30m|5400000000000",
        "-1.5h|-5400000000000",
        "10.5s4m|250500000000",
        "-2m3.4s|-123400000000",
        "1h2m3s4ms5us6ns|3723004005006",
        "9.873214960098267s|9873214960",
        "0.3333333333333333333h|1200000000000",
        "0.830103483285477580700h|2988372539827",
        "9007199254740993ns|9007199254740993",
        "9223372036854775807ns|9223372036854775807",
        "9223372036854775.807us|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808",
        "-2562047h47m16.854775808s|-9223372036854775808",
    })
    void parsesLikeGoParseDuration(String text, long nanos) {
        assertThat(Durations.parseGo(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "10", "1x", "s", "-", "+", ".", "-.", ".s", "+.s", "1d", "1.5.5s", " 1s", "1s ",
        "1 s", "ms", "1sm", "1S", "9223372036854775808ns", "9223372036854775.808us", "-9223372036854775809ns",
        "2562048h", "99999999999999999999s"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> Durations.parseGo(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void namesTheProblemInTheMessage() {
        assertThatThrownBy(() -> Durations.parseGo("10")).hasMessage("time: missing unit in duration \"10\"");
        assertThatThrownBy(() -> Durations.parseGo("1x")).hasMessage("time: unknown unit \"x\" in duration \"1x\"");
        assertThatThrownBy(() -> Durations.parseGo("s")).hasMessage("time: invalid duration \"s\"");
        assertThatThrownBy(() -> Durations.parseGo("")).hasMessage("time: invalid duration \"\"");
        assertThatThrownBy(() -> Durations.parseGo(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} ns formats as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "0|0s",
        "1|1ns",
        "999|999ns",
        "1100|1.1µs",
        "2200000|2.2ms",
        "100000000|100ms",
        "1500000000|1.5s",
        "3300000000|3.3s",
        "30000000000|30s",
        "90000000000|1m30s",
        "245000000000|4m5s",
        "245001000000|4m5.001s",
        "18367001000000|5h6m7.001s",
        "480000000001|8m0.000000001s",
        "86400000000000|24h0m0s",
        "-1500000000|-1.5s",
        "-1000|-1µs",
        "9223372036854775807|2562047h47m16.854775807s",
        "-9223372036854775808|-2562047h47m16.854775808s",
    })
    void formatsLikeGoDurationString(long nanos, String text) {
        assertThat(Durations.formatGo(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @ParameterizedTest(name = "\"{0}\" round-trips")
    @ValueSource(strings = {"0s", "1ns", "1.5s", "10s", "1m30s", "1h0m0s", "72h3m0.5s", "2.000001ms", "-3µs"})
    void formattingThenParsingRoundTrips(String text) {
        assertThat(Durations.formatGo(Durations.parseGo(text))).isEqualTo(text);
    }

    @Test
    void rejectsFormattingDurationsBeyondGoRange() {
        assertThatThrownBy(() -> Durations.formatGo(Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
