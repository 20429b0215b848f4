// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code limits.txn_max_ops}, Consulate's extension key for the operations allowed in one transaction. */
class TxnMaxOpsConfigTest {

    @TempDir
    Path dir;

    private AgentConfig loadFile(String name, String content) throws ConfigException, IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return ConfigLoader.load(List.of("-config-file", f.toString()), FixedHost.standard());
    }

    private AgentConfig hcl(String value) throws ConfigException, IOException {
        return loadFile("c.hcl", "limits { txn_max_ops = " + value + " }\n");
    }

    private AgentConfig json(String value) throws ConfigException, IOException {
        return loadFile("c.json", "{\"limits\": {\"txn_max_ops\": " + value + "}}");
    }

    @Test
    void defaultsToConsulsFixedSixtyFour() throws Exception {
        assertThat(ConfigLoader.load(List.of("-dev"), FixedHost.standard()).txnMaxOps()).isEqualTo(64);
    }

    @Test
    void isReadFromHclAndJson() throws Exception {
        assertThat(hcl("2").txnMaxOps()).isEqualTo(2);
        assertThat(json("128").txnMaxOps()).isEqualTo(128);
        assertThat(json("\"300\"").txnMaxOps()).as("a numeric string, as Consul's decoder allows").isEqualTo(300);
    }

    @Test
    void acceptsTheBoundsOneAndFourThousandNinetySix() throws Exception {
        assertThat(hcl("1").txnMaxOps()).isEqualTo(1);
        assertThat(json("4096").txnMaxOps()).isEqualTo(4096);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-2147483648", "4097", "2147483647"})
    void outsideOneToFourThousandNinetySixIsRefusedNamingKeyValueAndFile(String value) {
        assertThatThrownBy(() -> hcl(value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("limits.txn_max_ops must be between 1 and 4096, got " + value)
                .hasMessageContaining("c.hcl");
        assertThatThrownBy(() -> json(value))
                .hasMessageStartingWith("limits.txn_max_ops must be between 1 and 4096, got " + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "-99999999999"})
    void numbersBeyondThirtyTwoBitsAreRefusedNamingTheKey(String value) {
        assertThatThrownBy(() -> json(value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.txn_max_ops: integer out of range");
    }

    @Test
    void numbersBeyondSixtyFourBitsAreRefusedWhereTheFileHasThem() {
        assertThatThrownBy(() -> json("9223372036854775808"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.json:1:")
                .hasMessageContaining("integer out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"many\"", "true", "2.5", "[2]", "{}", "\"\"", "\"0x40\"", "\"1e3\""})
    void nonIntegersAreRefused(String value) {
        assertThatThrownBy(() -> json(value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.txn_max_ops");
    }

    @Test
    void nonIntegersInHclAreRefused() {
        for (String value : new String[] {"\"many\"", "true", "2.5", "[2]"}) {
            assertThatThrownBy(() -> hcl(value)).as(value)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("limits.txn_max_ops");
        }
    }

    @Test
    void nullMeansUnsetAsInConsul() throws Exception {
        assertThat(json("null").txnMaxOps()).isEqualTo(64);
    }

    @Test
    void aLaterFileWins() throws Exception {
        Path a = dir.resolve("a.hcl");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "limits { txn_max_ops = 10 }\n");
        Files.writeString(b, "{\"limits\": {\"txn_max_ops\": 20}}");
        AgentConfig c = ConfigLoader.load(List.of("-config-dir", dir.toString()), FixedHost.standard());
        assertThat(c.txnMaxOps()).isEqualTo(20);
    }
}
