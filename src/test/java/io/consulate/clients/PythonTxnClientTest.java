package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.Test;

/** python3-consul2's {@code c.txn.put([...])} against a real agent (script: python/txn.py). */
class PythonTxnClientTest {

    @Test
    void txnPutWritesReadsFailsAtomicallyAndLocksWithPythonConsul2() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            assertThat(PythonConsulClientTest.runPython("txn.py", agent)).contains("OK");
        }
    }
}
