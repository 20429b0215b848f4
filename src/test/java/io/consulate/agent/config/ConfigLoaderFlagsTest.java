// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderFlagsTest {

    private static AgentConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(List.of(args), FixedHost.standard());
    }

    @Test
    void noArgumentsGiveConsulDefaultsWithLoopbackBinds() throws Exception {
        AgentConfig c = load();

        assertThat(c.dev()).isFalse();
        assertThat(c.server()).isFalse();
        assertThat(c.bootstrap()).isFalse();
        assertThat(c.bootstrapExpect()).isZero();
        assertThat(c.nodeName()).isEqualTo("test-host");
        assertThat(c.nodeId()).isNull();
        assertThat(c.nodeMeta()).isEmpty();
        assertThat(c.datacenter()).isEqualTo("dc1");
        assertThat(c.dataDir()).isNull();
        assertThat(c.clientAddr()).isEqualTo("127.0.0.1");
        assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(c.advertiseAddr()).isEqualTo("127.0.0.1");
        assertThat(c.httpAddr()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8500);
        assertThat(c.dnsAddr()).isEqualTo("127.0.0.1");
        assertThat(c.dnsPort()).isEqualTo(8600);
        assertThat(c.serverPort()).isEqualTo(8300);
        assertThat(c.pidFile()).isNull();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.logJson()).isFalse();
        assertThat(c.ui()).isFalse();
        assertThat(c.kvMaxValueSize()).isEqualTo(524288);
        assertThat(c.txnMaxReqLen()).isEqualTo(524288);
        assertThat(c.sessionTtlMin()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.checkUpdateInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.httpMaxConnsPerClient()).isEqualTo(200);
        assertThat(c.enableScriptChecks()).isFalse();
        assertThat(c.enableLocalScriptChecks()).isFalse();
        assertThat(c.services()).isEmpty();
        assertThat(c.checks()).isEmpty();
        assertThat(c.dnsConfig()).isEmpty();
        assertThat(c.recursors()).isEmpty();
        assertThat(c.domain()).isEqualTo("consul.");
        assertThat(c.altDomain()).isNull();
        assertThat(c.ignoredKeys()).isEmpty();
    }

    @Test
    void publicEntryPointDefaultsTheNodeNameToThisMachinesHostname() throws Exception {
        AgentConfig c = ConfigLoader.load(List.of("-datacenter=dc2"));
        assertThat(c.nodeName()).isNotBlank();
        assertThat(c.datacenter()).isEqualTo("dc2");
    }

    @Test
    void acceptsEqualsAndSeparateValueFormsWithOneOrTwoDashes() throws Exception {
        AgentConfig c = load("-node=alpha", "-datacenter", "EAST", "--http-port=8501", "--dns-port", "8601",
                "-client", "0.0.0.0", "-bind=10.1.2.3", "-advertise", "10.9.9.9", "-server-port=8311",
                "-pid-file", "/run/consulate.pid", "-domain=Example", "-alt-domain", "alt.test.",
                "-node-id=ABCDEF01-2345-6789-ABCD-EF0123456789", "-log-level=DEBUG");

        assertThat(c.nodeName()).isEqualTo("alpha");
        assertThat(c.datacenter()).isEqualTo("east");
        assertThat(c.httpPort()).isEqualTo(8501);
        assertThat(c.dnsPort()).isEqualTo(8601);
        assertThat(c.clientAddr()).isEqualTo("0.0.0.0");
        assertThat(c.httpAddr()).isEqualTo("0.0.0.0");
        assertThat(c.dnsAddr()).isEqualTo("0.0.0.0");
        assertThat(c.bindAddr()).isEqualTo("10.1.2.3");
        assertThat(c.advertiseAddr()).isEqualTo("10.9.9.9");
        assertThat(c.serverPort()).isEqualTo(8311);
        assertThat(c.pidFile()).hasToString("/run/consulate.pid");
        assertThat(c.domain()).isEqualTo("example.");
        assertThat(c.altDomain()).isEqualTo("alt.test.");
        assertThat(c.nodeId()).isEqualTo("abcdef01-2345-6789-abcd-ef0123456789");
        assertThat(c.logLevel()).isEqualTo("debug");
    }

    @Test
    void booleanFlagsAreTrueAloneAndAcceptExplicitValues() throws Exception {
        AgentConfig on = load("-server", "-data-dir=/tmp/x", "-ui", "-log-json=true", "-enable-script-checks=1");
        assertThat(on.server()).isTrue();
        assertThat(on.ui()).isTrue();
        assertThat(on.logJson()).isTrue();
        assertThat(on.enableScriptChecks()).isTrue();
        assertThat(on.enableLocalScriptChecks()).isTrue();

        AgentConfig off = load("-server=false", "-ui=False", "-log-json=0", "-enable-local-script-checks=t");
        assertThat(off.server()).isFalse();
        assertThat(off.ui()).isFalse();
        assertThat(off.logJson()).isFalse();
        assertThat(off.enableScriptChecks()).isFalse();
        assertThat(off.enableLocalScriptChecks()).isTrue();
    }

    @Test
    void booleanFlagDoesNotConsumeTheNextArgumentLikeGo() {
        assertThatThrownBy(() -> load("-server", "false"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown extra arguments: [false]");
    }

    @Test
    void repeatableFlagsAccumulateAndSingleValuedFlagsKeepTheLast() throws Exception {
        AgentConfig c = load("-recursor", "8.8.8.8", "-recursor=1.1.1.1:53", "-node-meta", "rack:r1",
                "-node-meta=zone:z:2", "-node=first", "-node=second");

        assertThat(c.recursors()).containsExactly("8.8.8.8", "1.1.1.1:53");
        assertThat(c.nodeMeta()).containsExactly(Map.entry("rack", "r1"), Map.entry("zone", "z:2"));
        assertThat(c.nodeName()).isEqualTo("second");
    }

    @Test
    void rejectsAnUnknownFlag() {
        assertThatThrownBy(() -> load("-node=a", "-bogus=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("flag provided but not defined: -bogus");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThatThrownBy(() -> load("-node"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("flag needs an argument: -node");
    }

    @Test
    void rejectsBadFlagSyntax() {
        assertThatThrownBy(() -> load("---node=a")).hasMessageContaining("bad flag syntax: ---node=a");
        assertThatThrownBy(() -> load("-=x")).hasMessageContaining("bad flag syntax");
    }

    @Test
    void rejectsPositionalArguments() {
        assertThatThrownBy(() -> load("-node=a", "extra", "-server"))
                .hasMessage("unknown extra arguments: [extra, -server]");
        assertThatThrownBy(() -> load("--", "x")).hasMessage("unknown extra arguments: [x]");
    }

    @Test
    void doubleDashAloneEndsTheFlags() throws Exception {
        assertThat(load("-node=a", "--").nodeName()).isEqualTo("a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-http-port=abc|-http-port|abc",
        "-dns-port=8.5|-dns-port|8.5",
        "-server-port=99999999999|-server-port|99999999999",
        "-server=maybe|-server|maybe",
        "-log-level=loud|-log-level|loud",
        "-http-port=70000|-http-port|70000",
        "-retry-interval=5|-retry-interval|5",
        "-serf-lan-port=x|-serf-lan-port|x",
        "-config-format=yaml|-config-format|yaml",
        "-datacenter=dc 1|-datacenter|dc 1",
        "-client=localhost|-client|localhost",
        "-advertise=0.0.0.0|-advertise|0.0.0.0",
        "-node-id=not-a-uuid|-node-id|not-a-uuid",
        "-node-meta=consul-reserved:x|-node-meta|consul-reserved",
        "-recursor=dns.google|-recursor|dns.google",
    })
    void rejectsABadValueNamingTheFlagAndTheValue(String arg, String flag, String value) {
        assertThatThrownBy(() -> load(arg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(flag)
                .hasMessageContaining(value);
    }

    @Test
    void rejectsNegativeBootstrapExpectNamingTheFlag() {
        assertThatThrownBy(() -> load("-server", "-data-dir=/tmp/d", "-bootstrap-expect=-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bootstrap_expect cannot be -1. Must be greater than or equal to zero "
                        + "(set by flag -bootstrap-expect)");
    }

    @Test
    void acceptsConsulsOtherFlagsAndListsThemOnceAsIgnored() throws Exception {
        AgentConfig c = load("-encrypt", "c2VjcmV0", "-retry-join", "10.0.0.1", "-retry-join=10.0.0.2",
                "-serf-lan-port", "8301", "-syslog", "-rejoin", "-retry-interval=30s", "-join-wan=x",
                "-log-rotate-bytes=10", "-ui-dir=/ui", "-disable-host-node-id=false", "-primary-gateway", "gw:443");

        assertThat(c.ignoredKeys()).containsExactly("-disable-host-node-id", "-encrypt", "-join-wan",
                "-log-rotate-bytes", "-primary-gateway", "-rejoin", "-retry-interval",
                "-serf-lan-port", "-syslog", "-ui-dir");
        assertThat(c.recursors()).isEmpty();
    }

    @Test
    void devModeIsAnInMemoryBootstrappedServerWithUiAndDebugLogs() throws Exception {
        AgentConfig c = load("-dev");

        assertThat(c.dev()).isTrue();
        assertThat(c.server()).isTrue();
        assertThat(c.bootstrap()).isTrue();
        assertThat(c.ui()).isTrue();
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.dataDir()).isNull();
        assertThat(c.nodeName()).isEqualTo("test-host");
        assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
    }

    @Test
    void flagsOverrideDevDefaults() throws Exception {
        AgentConfig c = load("-dev", "-node", "dev-node", "-log-level=warn", "-ui=false", "-client=0.0.0.0");

        assertThat(c.nodeName()).isEqualTo("dev-node");
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.ui()).isFalse();
        assertThat(c.clientAddr()).isEqualTo("0.0.0.0");
        assertThat(c.ignoredKeys()).isEmpty();
    }

    @Test
    void zeroOrNegativePortDisablesAListenerLikeConsul() throws Exception {
        AgentConfig c = load("-http-port=-1", "-dns-port=0");
        assertThat(c.httpPort()).isEqualTo(-1);
        assertThat(c.dnsPort()).isEqualTo(-1);
    }

    @Test
    void hclFlagFragmentsApplyAfterOtherFlags() throws Exception {
        AgentConfig c = load("-node=from-flag", "-hcl", "node_name = \"from-hcl\"",
                "-hcl=ports { http = 9500 }");
        assertThat(c.nodeName()).isEqualTo("from-hcl");
        assertThat(c.httpPort()).isEqualTo(9500);
    }

    @Test
    void malformedHclFlagIsReportedWithItsPosition() {
        assertThatThrownBy(() -> load("-hcl", "ports {"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("-hcl argument 1:1:7: unterminated block");
    }
}
