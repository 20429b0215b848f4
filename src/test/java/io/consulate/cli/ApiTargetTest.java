// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTargetTest {

    private static Terminal env(Map<String, String> env) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new Terminal(nowhere, nowhere, new ByteArrayInputStream(new byte[0]), env);
    }

    private static ApiTarget resolve(HttpFlags.Client client, Map<String, String> env) throws ApiException {
        return ApiTarget.resolve(client, new HttpFlags.Server(), env(env));
    }

    @Test
    void defaultsToLocalAgentOverPlainHttp() throws Exception {
        assertThat(resolve(new HttpFlags.Client(), Map.of()).base()).hasToString("http://127.0.0.1:8500");
    }

    @Test
    void acceptsHostPortAndHttpAndHttpsAddresses() throws Exception {
        assertThat(ApiTarget.baseUri("10.1.2.3:8501", false)).hasToString("http://10.1.2.3:8501");
        assertThat(ApiTarget.baseUri("http://agent:8500/", false)).hasToString("http://agent:8500");
        assertThat(ApiTarget.baseUri("https://agent:8501", false)).hasToString("https://agent:8501");
    }

    @Test
    void consulHttpSslMakesTheDefaultSchemeHttpsEvenForAnHttpAddress() throws Exception {
        assertThat(ApiTarget.baseUri("agent:8501", true)).hasToString("https://agent:8501");
        assertThat(ApiTarget.baseUri("http://agent:8501", true)).hasToString("https://agent:8501");
    }

    @Test
    void unknownSchemeIsAnError() {
        assertThatThrownBy(() -> ApiTarget.baseUri("ftp://agent:21", false))
                .hasMessage("Unknown protocol scheme: ftp");
    }

    @Test
    void flagAddressWinsOverEnvironmentWhichWinsOverDefault() throws Exception {
        HttpFlags.Client flags = new HttpFlags.Client();
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "envhost:1", "CONSUL_HTTP_SSL", "true");
        assertThat(resolve(flags, env).base()).hasToString("https://envhost:1");

        flags.httpAddr = "http://flaghost:2";
        assertThat(resolve(flags, env).base()).hasToString("https://flaghost:2");
    }

    @Test
    void tokenComesFromFlagThenTokenFileThenEnvironment(@TempDir Path dir) throws IOException, ApiException {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file\n");
        Map<String, String> env = Map.of("CONSUL_HTTP_TOKEN", "from-env", "CONSUL_HTTP_TOKEN_FILE", file.toString());
        HttpFlags.Client flags = new HttpFlags.Client();

        assertThat(resolve(flags, Map.of("CONSUL_HTTP_TOKEN", "from-env")).token()).isEqualTo("from-env");
        assertThat(resolve(flags, env).token()).isEqualTo("from-file");
        flags.token = "from-flag";
        assertThat(resolve(flags, env).token()).isEqualTo("from-flag");
    }

    @Test
    void unreadableTokenFileIsAnError(@TempDir Path dir) {
        HttpFlags.Client flags = new HttpFlags.Client();
        flags.tokenFile = dir.resolve("missing").toString();

        assertThatThrownBy(() -> resolve(flags, Map.of()))
                .hasMessage("Error loading token file " + flags.tokenFile + " : open " + flags.tokenFile
                        + ": no such file or directory");
    }

    @Test
    void basicAuthComesFromConsulHttpAuth() throws Exception {
        assertThat(resolve(new HttpFlags.Client(), Map.of("CONSUL_HTTP_AUTH", "user:pass")).basicAuth())
                .isEqualTo("Basic dXNlcjpwYXNz");
    }

    @Test
    void membersWithoutServerFlagsNeverAsksForStaleOrAnotherDatacenter() throws Exception {
        ApiTarget t = ApiTarget.resolve(new HttpFlags.Client(), null, env(Map.of()));

        assertThat(t.datacenter()).isEmpty();
        assertThat(t.stale()).isFalse();
    }
}
