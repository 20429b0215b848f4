// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for {@value #NAME} (and only that name: not 127.0.0.1), made once per test JVM
 * with the JDK's {@code keytool}, so TLS tests need no checked-in key material.
 */
final class TestCerts {

    static final String NAME = "checks.test";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCerts instance;

    private final KeyStore keys;
    private final KeyStore trust;

    private TestCerts(KeyStore keys, KeyStore trust) {
        this.keys = keys;
        this.trust = trust;
    }

    static synchronized TestCerts get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("check-certs");
            Path file = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + NAME, "-ext", "SAN=dns:" + NAME,
                    "-validity", "3", "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in, PASSWORD);
            }
            Certificate cert = keys.getCertificate("server");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", cert);
            instance = new TestCerts(keys, trust);
        }
        return instance;
    }

    KeyManagerFactory keyManagers() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        return kmf;
    }

    SSLContext serverContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers().getKeyManagers(), null, null);
        return ctx;
    }

    /** Trusts exactly the test certificate. */
    TrustManagerFactory trustManagers() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    /** Runner settings that trust the test certificate. */
    CheckRunnerSettings settings() throws Exception {
        return new CheckRunnerSettings(CheckRunnerSettings.DEFAULT_OUTPUT_MAX_SIZE, false,
                CheckTls.trusting(trustManagers()));
    }
}
