package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.testing.TestAgent;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.kv.Operation;
import org.kiwiproject.consul.model.kv.TxResponse;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.model.kv.Verb;

/**
 * org.kiwiproject:consul-client's {@code performTransaction}, unmodified, against a real agent (kiwi base64-encodes
 * operation values itself).
 */
class KiwiTxnClientTest {
    private static TestAgent agent;
    private static Consul consul;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        consul = Consul.builder().withUrl(agent.httpAddress()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        consul.destroy();
        agent.close();
    }

    @Test
    void performTransactionWritesAndReadsThroughKiwiModels() {
        KeyValueClient kv = consul.keyValueClient();
        ConsulResponse<TxResponse> written = kv.performTransaction(
                Operation.builder(Verb.SET).key("kiwi-txn/a").value("1").build(),
                Operation.builder(Verb.SET).key("kiwi-txn/b").value("2").flags(4).build());
        assertThat(written.getResponse().results()).hasSize(2);
        Value a = written.getResponse().results().get(0).get("KV");
        assertThat(a.getKey()).isEqualTo("kiwi-txn/a");
        assertThat(kv.getValueAsString("kiwi-txn/a")).hasValue("1");

        ConsulResponse<TxResponse> read = kv.performTransaction(
                Operation.builder(Verb.CHECK_INDEX).key("kiwi-txn/a").index(BigInteger.valueOf(a.getModifyIndex())).build(),
                Operation.builder(Verb.GET).key("kiwi-txn/b").build());
        Value b = read.getResponse().results().get(1).get("KV");
        assertThat(b.getValueAsString()).hasValue("2");
        assertThat(b.getFlags()).isEqualTo(4);
    }

    @Test
    void aFailedTransactionIsAnErrorAndWritesNothing() {
        KeyValueClient kv = consul.keyValueClient();
        assertThatThrownBy(() -> kv.performTransaction(
                Operation.builder(Verb.SET).key("kiwi-txn/c").value("3").build(),
                Operation.builder(Verb.GET).key("kiwi-txn/missing").build()))
                .hasMessageContaining("409");
        assertThat(kv.getValue("kiwi-txn/c")).isEmpty();
    }
}
