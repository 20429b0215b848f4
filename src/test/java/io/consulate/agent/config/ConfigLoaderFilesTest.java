// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static AgentConfig load(String... args) throws ConfigException {
        return ConfigLoader.load(List.of(args), FixedHost.standard());
    }

    private static List<Object> names(List<Map<String, Object>> defs) {
        List<Object> out = new ArrayList<>();
        defs.forEach(d -> out.add(d.get("name")));
        return out;
    }

    @Test
    void mergesJsonAndHclFromAConfigDirInLexicalOrderWithFlagsWinning() throws Exception {
        write("05-first.hcl", """
                datacenter = "west"
                node_name  = "from-05"
                ports { http = 8501 }
                node_meta { rack = "r1" }
                """);
        write("10-base.json", """
                {"node_name": "from-10", "log_level": "warn", "ports": {"dns": 8601},
                 "node_meta": {"zone": "z1"}}
                """);
        write("20-override.hcl", """
                node_name = "from-20"
                ports { http = 8502 }
                """);
        write("README.md", "not config");
        write("30-backup.json.bak", "{ not json");
        write("sub/99-nested.json", "{ not json either");

        AgentConfig c = load("-config-dir", dir.toString(), "-log-level=err");

        assertThat(c.datacenter()).isEqualTo("west");
        assertThat(c.nodeName()).isEqualTo("from-20");
        assertThat(c.httpPort()).isEqualTo(8502);
        assertThat(c.dnsPort()).isEqualTo(8601);
        assertThat(c.nodeMeta()).containsExactly(Map.entry("rack", "r1"), Map.entry("zone", "z1"));
        assertThat(c.logLevel()).isEqualTo("err");
        assertThat(load("-config-dir", dir.toString(), "-node=flag").nodeName()).isEqualTo("flag");
    }

    @Test
    void servicesAndChecksFromEveryFileAreAppendedInOrder() throws Exception {
        write("a.hcl", """
                service { name = "web" port = 80 }
                service { name = "web2" }
                check { id = "c1" ttl = "30s" }
                """);
        write("b.json", """
                {"services": [{"name": "db"}, {"Name": "cache", "Tags": ["x"]}],
                 "service": {"name": "api"},
                 "checks": [{"id": "c2"}], "check": {"id": "c3"}}
                """);
        write("c.hcl", "services { name = \"last\" }\n");

        AgentConfig c = load("-config-dir=" + dir);

        assertThat(names(c.services())).containsExactly("web", "web2", "db", null, "api", "last");
        assertThat(c.services().get(3)).containsEntry("Name", "cache").containsEntry("Tags", List.of("x"));
        assertThat(c.services().get(0)).containsEntry("port", 80L);
        assertThat(c.checks()).extracting(m -> m.get("id")).containsExactly("c1", "c2", "c3");
        assertThatThrownBy(() -> c.services().get(0).put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void configFilesAndDirsLoadInCommandLineOrder() throws Exception {
        Path first = write("one/x.json", "{\"node_name\": \"one\", \"recursors\": [\"1.1.1.1\"]}");
        write("two/y.hcl", "node_name = \"two\"\nrecursors = [\"9.9.9.9\"]\n");
        AgentConfig c = load("-config-file", first.toString(), "-config-dir", dir.resolve("two").toString(),
                "-recursor", "8.8.8.8");

        assertThat(c.nodeName()).isEqualTo("two");
        // Like Consul, list flags come before the files' lists.
        assertThat(c.recursors()).containsExactly("8.8.8.8", "1.1.1.1", "9.9.9.9");
    }

    @Test
    void configFormatForcesTheParserRegardlessOfExtension() throws Exception {
        Path conf = write("agent.conf", "node_name = \"hcl-in-conf\"\n");
        assertThatThrownBy(() -> load("-config-file", conf.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("file " + conf + " has unknown extension; must be .hcl or .json, or config format must be set");
        assertThat(load("-config-format=hcl", "-config-file", conf.toString()).nodeName()).isEqualTo("hcl-in-conf");
    }

    @Test
    void missingConfigPathIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> load("-config-file", missing.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void unknownKeyFailsNamingTheKeyAndTheFile() throws Exception {
        Path json = write("bad.json", "{\"datacentre\": \"x\"}");
        assertThatThrownBy(() -> load("-config-file", json.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("failed to parse " + json + ": invalid config key datacentre");

        Path nested = write("nested.hcl", "ports {\n  htp = 1\n}\n");
        assertThatThrownBy(() -> load("-config-file", nested.toString()))
                .hasMessage("failed to parse " + nested + ": invalid config key ports.htp");

        Path dns = write("dns.json", "{\"dns_config\": {\"soa\": {\"serial\": 1}}}");
        assertThatThrownBy(() -> load("-config-file", dns.toString()))
                .hasMessageContaining("invalid config key dns_config.soa.serial");
    }

    @Test
    void consulKeysWeDoNotActOnAreAcceptedAndListedOnce() throws Exception {
        write("a.hcl", """
                encrypt = "c2VjcmV0"
                retry_join = ["10.0.0.1"]
                ports { serf_lan = 8301, http = 8500 }
                limits { rpc_rate = 10.5, kv_max_value_size = 1024 }
                acl { enabled = true tokens { agent = "t" } anything = [1, { deep = true }] }
                telemetry { prometheus_retention_time = "60s" }
                performance { raft_multiplier = 1 }
                ui_config { enabled = true content_path = "/ui/" }
                """);
        write("b.json", "{\"encrypt\": \"again\", \"watches\": [{\"type\": \"key\"}], \"dns_config\": "
                + "{\"prefer_namespace\": true}}");

        AgentConfig c = load("-config-dir", dir.toString(), "-retry-join", "10.0.0.2", "-ui=false");

        assertThat(c.ignoredKeys()).containsExactly("acl", "dns_config.prefer_namespace", "encrypt",
                "limits.rpc_rate", "performance", "ports.serf_lan", "telemetry",
                "ui_config.content_path");
        assertThat(c.watches()).containsExactly(java.util.Map.of("type", "key")); // acted on, checked at start
        assertThat(c.kvMaxValueSize()).isEqualTo(1024);
        assertThat(c.ui()).isFalse();
    }

    @Test
    void badValueFailsNamingTheKeyTheValueAndTheFile() throws Exception {
        Path f = write("bad.json", "{\"ports\": {\"http\": \"abc\"}}");
        assertThatThrownBy(() -> load("-config-file", f.toString()))
                .hasMessage("failed to parse " + f + ": ports.http: expected an integer, got \"abc\"");

        Path d = write("d.hcl", "session_ttl_min = \"10\"\n");
        assertThatThrownBy(() -> load("-config-file", d.toString()))
                .hasMessageContaining("failed to parse " + d + ": session_ttl_min: invalid duration")
                .hasMessageContaining("\"10\"");

        Path b = write("b.hcl", "server = \"yes\"\n");
        assertThatThrownBy(() -> load("-config-file", b.toString()))
                .hasMessage("failed to parse " + b + ": server: expected a boolean, got \"yes\"");

        Path l = write("l.json", "{\"recursors\": \"8.8.8.8\"}");
        assertThatThrownBy(() -> load("-config-file", l.toString()))
                .hasMessageContaining("recursors: expected a list of strings");

        Path o = write("o.json", "{\"acl\": true}");
        assertThatThrownBy(() -> load("-config-file", o.toString()))
                .hasMessageContaining("acl: expected an object, got true");
    }

    @Test
    void numbersAndBooleansWrittenAsStringsAreAcceptedLikeConsul() throws Exception {
        Path f = write("s.json", "{\"ports\": {\"http\": \"8510\"}, \"server\": \"true\", \"data_dir\": \""
                + dir.resolve("data") + "\", \"bootstrap_expect\": 3.0, \"limits\": {\"rpc_rate\": \"2.5\"}, "
                + "\"retry_join\": [\"10.0.0.2\", \"10.0.0.3\"]}");
        AgentConfig c = load("-config-file", f.toString());
        assertThat(c.httpPort()).isEqualTo(8510);
        assertThat(c.server()).isTrue();
        assertThat(c.bootstrapExpect()).isEqualTo(3);
    }

    @Test
    void keysMatchCaseInsensitivelyLikeConsulsDecoder() throws Exception {
        Path f = write("c.json", "{\"Datacenter\": \"DC9\", \"Ports\": {\"HTTP\": 8511}}");
        AgentConfig c = load("-config-file", f.toString());
        assertThat(c.datacenter()).isEqualTo("dc9");
        assertThat(c.httpPort()).isEqualTo(8511);
    }

    @Test
    void dnsConfigIsValidatedAndPassedThroughRaw() throws Exception {
        Path f = write("dns.hcl", """
                dns_config {
                  only_passing = true
                  node_ttl = "10s"
                  service_ttl { "*" = "5s", "web" = "30s" }
                  udp_answer_limit = "3"
                  soa { min_ttl = 60 }
                }
                """);
        AgentConfig c = load("-config-file", f.toString());
        assertThat(c.dnsConfig()).containsEntry("only_passing", true)
                .containsEntry("node_ttl", "10s")
                .containsEntry("service_ttl", Map.of("*", "5s", "web", "30s"))
                .containsEntry("udp_answer_limit", 3L)
                .containsEntry("soa", Map.of("min_ttl", 60L));

        Path bad = write("bad.hcl", "dns_config { service_ttl { \"*\" = \"5\" } }\n");
        assertThatThrownBy(() -> load("-config-file", bad.toString()))
                .hasMessageContaining("dns_config.service_ttl")
                .hasMessageContaining(bad.toString());
    }

    @Test
    void semanticErrorsSayWhichFileSetTheValue() throws Exception {
        write("a.json", "{\"ports\": {\"http\": 8500}}");
        Path b = write("b.json", "{\"ports\": {\"http\": 70000}}");
        assertThatThrownBy(() -> load("-config-dir", dir.toString()))
                .hasMessage("ports.http: invalid port: 70000 (set by " + b + ")");
    }

    @Test
    void syntaxErrorsInAFileCarryItsPathLineAndColumn() throws Exception {
        Path json = write("x.json", "{\n  \"node_name\": \"a\",\n  oops\n}");
        assertThatThrownBy(() -> load("-config-dir", dir.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(json + ":3:");
        Files.delete(json);
        Path hcl = write("y.hcl", "node_name = \"a\"\nports {\n");
        assertThatThrownBy(() -> load("-config-dir", dir.toString()))
                .hasMessageStartingWith(hcl + ":2:7: unterminated block");
    }

    @Test
    void refusesOversizedAndNonUtf8Files() throws Exception {
        Path big = dir.resolve("big.json");
        byte[] filler = new byte[(int) ConfigLoader.MAX_FILE_BYTES + 1];
        Arrays.fill(filler, (byte) ' ');
        Files.write(big, filler);
        assertThatThrownBy(() -> load("-config-file", big.toString())).hasMessageContaining("too large");

        Path latin1 = dir.resolve("latin1.hcl");
        Files.write(latin1, "node_name = \"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> load("-config-file", latin1.toString())).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aServicesCheckAndChecksBlocksAreGatheredIntoOneChecksListSingleFirst() throws Exception {
        Path f = write("svc.hcl", """
                service {
                  name = "two"
                  checks = [{ id = "c3", ttl = "1m" }]
                  check { id = "c1", ttl = "1m" }
                  check { id = "c2", ttl = "1m" }
                }
                """);
        Path j = write("svc.json", "{\"service\": {\"name\": \"one\", \"Check\": {\"id\": \"j1\", \"ttl\": \"1m\"}}}");
        AgentConfig c = load("-config-file", f.toString(), "-config-file", j.toString());
        assertThat(c.services()).hasSize(2);
        assertThat(c.services().get(0)).doesNotContainKeys("check", "Check");
        List<?> checks = (List<?>) c.services().get(0).get("checks");
        List<Object> ids = checks.stream().map(m -> (Object) ((Map<?, ?>) m).get("id")).toList();
        assertThat(ids).containsExactly("c1", "c2", "c3");
        assertThat(c.services().get(1)).doesNotContainKey("Check");
        assertThat((List<?>) c.services().get(1).get("checks")).hasSize(1);
    }

    @Test
    void durationsAndLimitsFromFilesAreApplied() throws Exception {
        Path f = write("l.hcl", """
                session_ttl_min = "1m30s"
                check_update_interval = "30s"
                kv_max_value_size = 2048
                limits {
                  txn_max_req_len = 4096
                  http_max_conns_per_client = 50
                  kv_max_value_size = 1000
                }
                """);
        AgentConfig c = load("-config-file", f.toString());
        assertThat(c.sessionTtlMin()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.checkUpdateInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.kvMaxValueSize()).isEqualTo(1000);
        assertThat(c.txnMaxReqLen()).isEqualTo(4096);
        assertThat(c.httpMaxConnsPerClient()).isEqualTo(50);
    }
}
