package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Service;
import io.consulate.testing.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LocalState writes to the data dir and what comes back when the agent starts again. */
class LocalStatePersistenceTest {
    private final HandClock clock = new HandClock();
    private final DefinitionCheckParser parser = new DefinitionCheckParser("n1", false, false);

    @TempDir
    Path dir;

    private LocalState fresh() {
        LocalState s = new LocalState("n1", new LocalStore(dir), clock);
        s.load();
        return s;
    }

    private static Service service(String id) {
        return new Service("n1", "", id, id, List.of("t"), "", null, Map.of(), 80, null, false, 0, 0);
    }

    private void registerWebWithTtl(LocalState s, Map<String, Object> check) {
        s.addService(service("web"), List.of(parser.parse(check, "web", "web", "service:web", "", true)), false);
    }

    @Test
    void aTtlCheckKeepsItsStatusAndOutputWhileItsTtlHasNotRunOut() {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("TTL", "1m"));
        before.updateCheck("service:web", "passing", "all good");

        clock.advance(Duration.ofSeconds(59));
        LocalState after = fresh();
        assertThat(after.service("web")).isEqualTo(service("web"));
        assertThat(after.check("service:web").status()).isEqualTo("passing");
        assertThat(after.check("service:web").output()).isEqualTo("all good");
    }

    @Test
    void aTtlStatusWhoseTtlRanOutWhileStoppedFallsBackToTheInitialStatus() {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("ttl", "1m"));
        before.updateCheck("service:web", "passing", "all good");

        clock.advance(Duration.ofMinutes(1));
        LocalState after = fresh();
        assertThat(after.check("service:web").status()).isEqualTo("critical");
        assertThat(after.check("service:web").output()).isEmpty();
        assertThat(after.criticalFor("service:web")).isEqualTo(Duration.ZERO);
    }

    @Test
    void theInitialStatusOfTheDefinitionIsTheFallback() {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("TTL", "10s", "Status", "warning"));
        before.updateCheck("service:web", "passing", "ok");

        clock.advance(Duration.ofMinutes(5));
        assertThat(fresh().check("service:web").status()).isEqualTo("warning");
    }

    @Test
    void deregisteredServicesAndChecksDoNotComeBack() {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("TTL", "1m"));
        before.addCheck(parser.parse(Map.of("Name", "mem", "TTL", "1m"), "", "", "", "", true));
        before.removeService("web");
        before.removeCheck("mem");

        LocalState after = fresh();
        assertThat(after.services()).isEmpty();
        assertThat(after.checks()).isEmpty();
    }

    @Test
    void configuredDefinitionsAreNotWrittenAndReplaceEarlierApiOnes() throws Exception {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("TTL", "1m"));
        before.addConfigured(service("web"), List.of(parser.parse(Map.of("TTL", "1m"), "web", "web", "service:web",
                "", false)));
        before.addConfiguredCheck(parser.parse(Map.of("Name", "disk", "TTL", "1m"), "", "", "", "", false));
        before.updateCheck("disk", "passing", "");

        LocalState after = fresh();
        assertThat(after.services()).isEmpty();
        assertThat(after.checks()).isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).getParent().toString()))
                    .as("only the TTL check's status, apart from any definition").containsExactly("check-state");
        }
    }

    @Test
    void anUnreadableFileIsSkipped() throws Exception {
        LocalState before = fresh();
        registerWebWithTtl(before, Map.of("TTL", "1m"));
        Files.writeString(Files.createDirectories(dir.resolve("services")).resolve("garbage.json"), "{not json");
        Files.writeString(dir.resolve("checks").resolve("empty.json"), "");

        LocalState after = fresh();
        assertThat(after.services()).extracting(Service::id).containsExactly("web");
        assertThat(after.checks()).hasSize(1);
    }
}
