// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigValidationTest {

    @TempDir
    Path dir;

    private static AgentConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(List.of(args), FixedHost.standard());
    }

    private static AgentConfig loadOn(NetAddrs.Host host, String... args) throws ConfigException {
        return ConfigLoader.load(List.of(args), host);
    }

    private AgentConfig loadHcl(String hcl) throws ConfigException, IOException {
        Path f = dir.resolve("c" + System.nanoTime() + ".hcl");
        Files.writeString(f, hcl);
        return load("-config-file", f.toString());
    }

    @Test
    void bootstrapRequiresServerMode() {
        assertThatThrownBy(() -> load("-bootstrap"))
                .hasMessage("'bootstrap = true' requires 'server = true' (set by flag -bootstrap)");
    }

    @Test
    void bootstrapExpectRequiresServerModeAndExcludesBootstrapAndDev() {
        assertThatThrownBy(() -> load("-bootstrap-expect=3"))
                .hasMessageContaining("'bootstrap_expect > 0' requires 'server = true'");
        assertThatThrownBy(() -> load("-server", "-data-dir=/d", "-bootstrap", "-bootstrap-expect=3"))
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> load("-dev", "-bootstrap-expect=3"))
                .hasMessageContaining("'bootstrap_expect > 0' not allowed in dev mode");
    }

    @Test
    void bootstrapExpectOfOneMeansBootstrapLikeConsul() throws Exception {
        AgentConfig c = load("-server", "-data-dir=/d", "-bootstrap-expect=1");
        assertThat(c.bootstrap()).isTrue();
        assertThat(c.bootstrapExpect()).isZero();
        AgentConfig three = load("-server", "-data-dir=/d", "-bootstrap-expect=3", "-retry-join=10.0.0.2",
                "-join=10.0.0.3:8400");
        assertThat(three.bootstrap()).isFalse();
        assertThat(three.bootstrapExpect()).isEqualTo(3);
        assertThat(three.servers()).containsExactly("127.0.0.1:8300", "10.0.0.3:8400", "10.0.0.2:8300");
    }

    @Test
    void clusterServersComeFromTheJoinListsWithThisServerListedOnce() throws Exception {
        // The same retry_join list on every server works: this server's own address is dropped from it.
        AgentConfig c = load("-server", "-data-dir=/d", "-bootstrap-expect=3", "-bind=127.0.0.2",
                "-server-port=9300", "-retry-join=127.0.0.1:9300", "-retry-join=127.0.0.2:9300",
                "-retry-join=127.0.0.3:9300", "-retry-join=127.0.0.3:9300");
        assertThat(c.servers()).containsExactly("127.0.0.2:9300", "127.0.0.1:9300", "127.0.0.3:9300");
    }

    @Test
    void bootstrapExpectMustMatchTheListedServers() {
        assertThatThrownBy(() -> load("-server", "-data-dir=/d", "-bootstrap-expect=3", "-retry-join=10.0.0.2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap_expect = 3 needs the other 2 servers' addresses in retry_join")
                .hasMessageContaining("found 1");
    }

    @Test
    void joinWithoutBootstrapExpectIsAcceptedAndLeavesAOneServerCluster() throws Exception {
        assertThat(load("-server", "-data-dir=/d", "-bootstrap", "-retry-join=10.0.0.2").servers()).isEmpty();
    }

    @Test
    void hostileJoinAddressesAreRefusedWithTheEntryNamed() {
        for (String bad : new String[] {"provider=aws tag_key=x", "{{ GetPrivateIP }}", "10.0.0.1:0",
                "10.0.0.1:65536", "10.0.0.1:http", "[::1", "[::1]x", "[zz::1]:8300", "bad host", "", ":8300",
                "a".repeat(300), "h\u00e9st"}) {
            assertThatThrownBy(() -> load("-server", "-data-dir=/d", "-bootstrap", "-retry-join=" + bad))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("retry_join: ");
        }
    }

    @Test
    void serversOutsideDevModeNeedADataDir() throws Exception {
        assertThatThrownBy(() -> load("-server")).hasMessageContaining("data_dir cannot be empty");
        assertThat(load("-server", "-data-dir", dir.toString()).dataDir()).isEqualTo(dir);
        assertThat(load().dataDir()).isNull();
        assertThat(load("-dev").dataDir()).isNull();
    }

    @Test
    void dataDirMustNotBeAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> load("-data-dir", file.toString()))
                .hasMessageContaining("is not a directory")
                .hasMessageContaining("flag -data-dir");
    }

    @Test
    void advertiseDefaultsToBindOrToTheSinglePrivateAddressWhenBoundToAny() throws Exception {
        assertThat(load("-bind=10.1.1.1").advertiseAddr()).isEqualTo("10.1.1.1");
        assertThat(load("-bind=0.0.0.0").advertiseAddr()).isEqualTo("10.0.0.7");
        assertThat(load("-bind=0.0.0.0", "-advertise=192.168.1.5").advertiseAddr()).isEqualTo("192.168.1.5");

        InetAddress v6 = NetAddrs.parseIp("2001:db8::5");
        AgentConfig c = loadOn(new FixedHost("h", List.of(), List.of(v6)), "-bind=::");
        assertThat(c.bindAddr()).isEqualTo("::");
        assertThat(c.advertiseAddr()).isEqualTo(v6.getHostAddress());
    }

    @Test
    void bindingToAnyWithoutExactlyOnePrivateAddressNeedsAnExplicitAdvertise() {
        FixedHost none = new FixedHost("h", List.of(), List.of());
        assertThatThrownBy(() -> loadOn(none, "-bind=0.0.0.0")).hasMessageContaining("No private IPv4 address found");
        FixedHost two = new FixedHost("h", List.of(NetAddrs.parseIp("10.0.0.1"), NetAddrs.parseIp("10.0.0.2")),
                List.of());
        assertThatThrownBy(() -> loadOn(two, "-bind=0.0.0.0"))
                .hasMessageContaining("Multiple private IPv4 addresses found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-client=localhost|client_addr must be an IP address",
        "-client=10.0.0.1 10.0.0.2|only a single address",
        "-client={{ GetPrivateIP }}|go-sockaddr templates are not supported",
        "-bind=256.1.1.1|bind_addr must be an IP address",
        "-advertise=::|Advertise address cannot be 0.0.0.0, :: or [::]",
        "-advertise=[::]|Advertise address cannot be 0.0.0.0, :: or [::]",
        "-recursor=0.0.0.0|DNS recursor address cannot be 0.0.0.0",
        "-recursor=1.1.1.1:99999|invalid port",
        "-datacenter=|datacenter cannot be empty",
        "-node=|node_name cannot be empty",
        "-domain=a b|invalid domain",
        "-server-port=0|server-port must be greater than zero",
    })
    void rejectsInvalidSettings(String arg, String message) {
        assertThatThrownBy(() -> load(arg)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void addressesOverrideTheClientAddressPerInterface() throws Exception {
        AgentConfig c = loadHcl("""
                client_addr = "10.0.0.9"
                addresses { http = "[::1]" }
                """);
        assertThat(c.httpAddr()).isEqualTo("::1");
        assertThat(c.dnsAddr()).isEqualTo("10.0.0.9");
    }

    @Test
    void recursorsMayCarryPorts() throws Exception {
        AgentConfig c = load("-recursor=8.8.8.8:53", "-recursor=[2001:db8::1]:5353", "-recursor=::1");
        assertThat(c.recursors()).containsExactly("8.8.8.8:53", "[2001:db8::1]:5353", "::1");
    }

    @Test
    void nodeMetaFollowsConsulsLimits() throws Exception {
        assertThatThrownBy(() -> load("-node-meta=bad key:x")).hasMessageContaining("may only contain");
        assertThatThrownBy(() -> load("-node-meta=k:" + "v".repeat(513))).hasMessageContaining("longer than 512");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add("-node-meta=k" + i + ":v");
        }
        assertThatThrownBy(() -> load(many.toArray(String[]::new))).hasMessageContaining("more than 64");
        assertThat(load("-node-meta=rack:r1").nodeMeta()).containsEntry("rack", "r1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"INFO,info", "Warning,warn", "warn,warn", "error,err", "ERR,err", "trace,trace", "DEBUG,debug"})
    void logLevelsAreNormalised(String given, String expected) throws Exception {
        assertThat(load("-log-level=" + given).logLevel()).isEqualTo(expected);
    }

    @Test
    void localScriptChecksDefaultToTheScriptChecksSetting() throws Exception {
        AgentConfig c = loadHcl("enable_script_checks = true\n");
        assertThat(c.enableScriptChecks()).isTrue();
        assertThat(c.enableLocalScriptChecks()).isTrue();
        AgentConfig d = loadHcl("enable_script_checks = true\nenable_local_script_checks = false\n");
        assertThat(d.enableLocalScriptChecks()).isFalse();
    }

    @Test
    void uiConfigEnabledWinsOverTheOlderUiKey() throws Exception {
        assertThat(loadHcl("ui = true\n").ui()).isTrue();
        assertThat(loadHcl("ui = true\nui_config { enabled = false }\n").ui()).isFalse();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> loadHcl("limits { kv_max_value_size = 0 }\n"))
                .hasMessageContaining("limits.kv_max_value_size must be greater than zero");
        assertThatThrownBy(() -> loadHcl("limits { txn_max_req_len = -5 }\n"))
                .hasMessageContaining("limits.txn_max_req_len: integer out of range");
        assertThatThrownBy(() -> loadHcl("limits { http_max_conns_per_client = -1 }\n"))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> loadHcl("session_ttl_min = \"-1s\"\n"))
                .hasMessageContaining("session_ttl_min cannot be negative");
    }

    @Test
    void portsAboveTheRangeAreRejectedAndZeroDisables() throws Exception {
        assertThatThrownBy(() -> loadHcl("ports { dns = 65536 }\n")).hasMessageContaining("ports.dns: invalid port: 65536");
        assertThat(loadHcl("ports { dns = 0 }\n").dnsPort()).isEqualTo(-1);
    }

    @Test
    void domainsGetATrailingDot() throws Exception {
        AgentConfig c = loadHcl("domain = \"Corp.Example\"\nalt_domain = \"alt.\"\n");
        assertThat(c.domain()).isEqualTo("corp.example.");
        assertThat(c.altDomain()).isEqualTo("alt.");
    }
}
