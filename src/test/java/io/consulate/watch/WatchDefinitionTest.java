// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.watch.WatchSpec.InvalidWatchException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing agent config {@code watches} entries, including the ones Consul refuses. */
class WatchDefinitionTest {

    @Test
    void scriptWatchWithArgsBecomesTheCommand() throws Exception {
        WatchDefinition d = WatchDefinition.parse(Map.of("type", "key", "key", "a/b", "args", List.of("cat", "-")));
        assertThat(d.command()).containsExactly("cat", "-");
        assertThat(d.spec().path()).isEqualTo("/v1/kv/a/b");
        assertThat(d.http()).isNull();
    }

    @Test
    void legacyHandlerStringRunsThroughTheShell() throws Exception {
        WatchDefinition d = WatchDefinition.parse(Map.of("type", "nodes", "handler", "echo hi"));
        assertThat(d.command()).containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void httpHandlerConfigIsParsedWithDefaults() throws Exception {
        WatchDefinition d = WatchDefinition.parse(Map.of("type", "services", "handler_type", "http",
                "http_handler_config", Map.of("path", "https://example.test/hook", "header",
                        Map.of("X-A", List.of("1", "2")), "timeout", "2s", "tls_skip_verify", true)));
        assertThat(d.http().method()).isEqualTo("POST");
        assertThat(d.http().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.http().headers()).containsEntry("X-A", List.of("1", "2"));
        assertThat(d.http().tlsSkipVerify()).isTrue();
    }

    @Test
    void serviceWatchQueryCarriesTagsAndPassing() throws Exception {
        WatchDefinition d = WatchDefinition.parse(Map.of("type", "service", "service", "web db",
                "tag", List.of("v1", "a&b"), "passingonly", true, "args", List.of("true")));
        assertThat(d.spec().path()).isEqualTo("/v1/health/service/web%20db");
        assertThat(d.spec().query()).isEqualTo("tag=v1&tag=a%26b&passing=1");
    }

    @Test
    void refusesMissingTypeUnknownTypeAndUnknownKeys() {
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("args", List.of("x"))))
                .isInstanceOf(InvalidWatchException.class).hasMessage("Watch type must be specified");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "bogus", "args", List.of("x"))))
                .hasMessage("Unsupported watch type: bogus");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "args", List.of("x"), "zzz", 1)))
                .hasMessage("Invalid parameters: [zzz]");
    }

    @Test
    void refusesMissingParametersAndConflictingHandlers() {
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "key", "args", List.of("x"))))
                .hasMessage("Must specify a single key to watch");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes")))
                .hasMessageStartingWith("Must define a watch handler");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "args", List.of("x"),
                "handler", "y"))).hasMessage("Only one of 'args' or 'handler' may be provided");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "checks", "service", "a", "state", "any",
                "args", List.of("x")))).hasMessage("Cannot specify service and state");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "carrier-pigeon")))
                .hasMessage("Handler type 'carrier-pigeon' not recognized");
    }

    @Test
    void refusesHostileHttpHandlerConfigs() {
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "http")))
                .hasMessageContaining("http_handler_config");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "http",
                "http_handler_config", Map.of("path", "file:///etc/passwd"))))
                .hasMessageContaining("must be an http or https URL");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "http",
                "http_handler_config", Map.of("path", "http://[bad"))))
                .isInstanceOf(InvalidWatchException.class);
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "http",
                "http_handler_config", Map.of("path", "http://x/", "timeout", "soon"))))
                .hasMessage("Invalid http_handler_config.timeout: soon");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "handler_type", "http",
                "http_handler_config", Map.of("path", "http://x/", "bogus", 1))))
                .hasMessage("Invalid http_handler_config parameters: [bogus]");
    }

    @Test
    void refusesWronglyTypedValues() {
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", List.of("key"))))
                .hasMessage("Expecting type to be a string");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "nodes", "args", List.of(1, 2))))
                .hasMessage("Expecting args to be a list of strings");
        assertThatThrownBy(() -> WatchDefinition.parse(Map.of("type", "service", "service", "s",
                "passingonly", "maybe", "args", List.of("x")))).hasMessage("Expecting passingonly to be a boolean");
    }

    @Test
    void sameConfigEntryMeansSameWatch() throws Exception {
        Map<String, Object> raw = Map.of("type", "nodes", "args", List.of("x"));
        assertThat(WatchDefinition.parse(raw)).isEqualTo(WatchDefinition.parse(Map.copyOf(raw)));
    }

    @Test
    void hclWatchesWithAnHttpHandlerBlockLoadAndParse() throws Exception {
        var cfg = io.consulate.agent.config.ConfigLoader.load(List.of("-dev", "-hcl", """
                watches = [{
                  type = "keyprefix"
                  prefix = "app/"
                  handler_type = "http"
                  http_handler_config {
                    path = "http://127.0.0.1:9000/hook"
                    method = "POST"
                    header = { "X-A" = ["1"] }
                    timeout = "10s"
                  }
                }]
                """));
        List<WatchDefinition> defs = WatchManager.parseAll(cfg.watches());
        assertThat(defs).hasSize(1);
        assertThat(defs.get(0).spec().query()).isEqualTo("recurse");
        assertThat(defs.get(0).http().headers()).containsEntry("X-A", List.of("1"));
    }
}
