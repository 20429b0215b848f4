package io.consulate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.consulate.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(@JsonProperty("DeregisterCriticalServiceAfter") String deregister,
                  @JsonProperty("ID") String id,
                  @JsonProperty("TLSSkipVerify") boolean tlsSkipVerify,
                  @JsonProperty("Meta") Map<String, String> meta) {}

    private static Sample read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Sample.class);
    }

    @Test
    void keysMatchCaseInsensitively() {
        Sample s = read("{\"deregistercriticalserviceafter\":\"90m\",\"Id\":\"web-1\",\"tlsskipverify\":true}");
        assertThat(s.deregister()).isEqualTo("90m");
        assertThat(s.id()).isEqualTo("web-1");
        assertThat(s.tlsSkipVerify()).isTrue();
    }

    @Test
    void snakeCaseKeysAreAccepted() {
        Sample s = read("{\"deregister_critical_service_after\":\"1m\",\"tls_skip_verify\":true}");
        assertThat(s.deregister()).isEqualTo("1m");
        assertThat(s.tlsSkipVerify()).isTrue();
    }

    @Test
    void unknownKeysAreIgnoredAndUserMapKeysKeepTheirSpelling() {
        Sample s = read("{\"WriteRequest\":{\"Token\":\"x\"},\"Meta\":{\"Rack_Name\":\"r1\"}}");
        assertThat(s.meta()).containsEntry("Rack_Name", "r1");
    }

    @Test
    void hostileBodiesAreA400NotACrash() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        for (String bad : new String[] {"{", "{\"ID\":}", "not json", deep, "{\"ID\":" + "9".repeat(1000) + "}",
                "{\"TLSSkipVerify\":\"banana\"}", "\uFEFF{\"ID\":1e999999}", "{\"ID\":\"\\ud800\"}"}) {
            try {
                read(bad);
            } catch (HttpError e) {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).startsWith("Request decode failed").hasSizeLessThan(300);
            }
        }
        assertThatThrownBy(() -> read(deep)).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> read("{")).isInstanceOf(HttpError.class);
    }

    @Test
    void kvPairRendersConsulShape() {
        String json = Json.writeString(new KvPair(0, "k", KvPair.unsigned(-1L), null, null, 3, 4));
        assertThat(json).isEqualTo(
                "{\"LockIndex\":0,\"Key\":\"k\",\"Flags\":18446744073709551615,\"Value\":null,\"CreateIndex\":3,\"ModifyIndex\":4}");
    }
}
