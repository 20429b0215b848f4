package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed document's python-consul2 code, unmodified, run by Debian's python3-consul2 under
 * /usr/bin/python3 against a real agent. A missing interpreter or package fails the test: the README's
 * test command installs them.
 */
class PythonConsulClientTest {

    static String runPython(String resource, TestAgent agent) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertThat(python).as("Debian python3 (the test command installs it)").exists();
        Path script = Path.of("src/test/resources/python", resource).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true);
        pb.environment().put("CONSUL_HTTP_ADDR", "127.0.0.1:" + agent.httpPort());
        Process p = pb.start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("python client timed out:\n" + out);
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void seedKvCodeRunsUnchangedWithPythonConsul2() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            assertThat(runPython("seed_kv.py", agent)).contains("OK");
        }
    }

    @Test
    void seedRegistrationWithAnHttpCheckDropsAndRestoresTheInstance() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            assertThat(runPython("seed_services.py", agent)).contains("dropped after").contains("OK");
        }
    }

    @Test
    void sessionAndLockFlowsWorkWithPythonConsul2() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            assertThat(runPython("sessions_locks.py", agent)).contains("OK");
        }
    }

    @Test
    void pythonConsul2IsTheDebianPackage() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import consul, sys; print(consul.__file__)")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("python3-consul2 must be installed").contains("/usr/lib/python3/dist-packages/consul");
        assertThat(Files.exists(Path.of("/usr/lib/python3/dist-packages/consul/base.py"))).isTrue();
    }
}
