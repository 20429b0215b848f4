package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config-file TTL check's last status survives a restart, keyed by its ID, while its TTL has not run out; the
 * definition stays in the config files only.
 */
class ConfiguredCheckStateTest {
    private final HandClock clock = new HandClock();
    private final DefinitionCheckParser parser = new DefinitionCheckParser("n1", false, false);
    private static final Map<String, Object> WEB = Map.of("name", "web", "port", 80,
            "check", Map.of("ttl", "1m", "status", "warning"));
    private static final Map<String, Object> DISK = Map.of("id", "disk", "name", "disk", "ttl", "1m");

    @TempDir
    Path dir;

    /** An agent start: what the data dir kept, then the config files' registrations. */
    private LocalState start(List<Map<String, Object>> services, List<Map<String, Object>> checks) {
        LocalState s = new LocalState("n1", new LocalStore(dir), clock);
        s.load();
        ConfiguredRegistrations.parse(services, checks, "n1", parser).applyTo(s);
        return s;
    }

    private long stateFiles() throws Exception {
        if (!Files.isDirectory(dir.resolve("check-state"))) {
            return 0;
        }
        try (var files = Files.list(dir.resolve("check-state"))) {
            return files.count();
        }
    }

    /** Runs with both checks reported, stops for {@code down}, and starts again with the same files. */
    private LocalState restartedAfter(Duration down) {
        LocalState before = start(List.of(WEB), List.of(DISK));
        before.updateCheck("service:web", "passing", "ready");
        before.updateCheck("disk", "warning", "80% full");
        clock.advance(down);
        return start(List.of(WEB), List.of(DISK));
    }

    @Test
    void aConfiguredTtlCheckKeepsItsStatusAndOutputWhileItsTtlHasNotRunOut() {
        LocalState after = restartedAfter(Duration.ofSeconds(59));
        assertThat(after.check("service:web").status()).isEqualTo("passing");
        assertThat(after.check("service:web").output()).isEqualTo("ready");
        assertThat(after.check("disk").status()).isEqualTo("warning");
        assertThat(after.check("disk").output()).isEqualTo("80% full");
    }

    @Test
    void aSavedStatusWhoseTtlRanOutWhileStoppedGivesWayToTheDefinedInitialStatus() {
        LocalState after = restartedAfter(Duration.ofMinutes(1));
        assertThat(after.check("service:web").status()).isEqualTo("warning");
        assertThat(after.check("service:web").output()).isEmpty();
        assertThat(after.check("disk").status()).isEqualTo("critical");
        assertThat(after.criticalFor("disk")).isEqualTo(Duration.ZERO);
    }

    @Test
    void theExpiryIsCountedFromTheLastUpdate() {
        LocalState before = start(List.of(), List.of(DISK));
        before.updateCheck("disk", "passing", "first");
        clock.advance(Duration.ofSeconds(50));
        before.updateCheck("disk", "passing", "second");

        clock.advance(Duration.ofSeconds(50));
        assertThat(start(List.of(), List.of(DISK)).check("disk").output()).isEqualTo("second");
    }

    @Test
    void aCheckTakenOutOfTheConfigFilesLosesItsSavedStatus() throws Exception {
        start(List.of(), List.of(DISK)).updateCheck("disk", "passing", "fine");
        assertThat(stateFiles()).isEqualTo(1);

        LocalState without = start(List.of(), List.of());
        assertThat(without.check("disk")).isNull();
        assertThat(stateFiles()).isZero();
        assertThat(start(List.of(), List.of(DISK)).check("disk").status()).isEqualTo("critical");
    }

    @Test
    void aReloadThatDropsTheCheckForgetsItsStatus() throws Exception {
        LocalState running = start(List.of(), List.of(DISK));
        running.updateCheck("disk", "passing", "fine");
        running.dropConfiguredExcept(java.util.Set.of(), java.util.Set.of());
        assertThat(stateFiles()).isZero();
    }

    @Test
    void aCheckNoLongerOfTheTtlKindDoesNotTakeTheSavedStatus() throws Exception {
        start(List.of(), List.of(DISK)).updateCheck("disk", "passing", "fine");

        Map<String, Object> tcp = Map.of("id", "disk", "name", "disk", "tcp", "127.0.0.1:1", "interval", "10s");
        LocalState after = start(List.of(), List.of(tcp));
        assertThat(after.check("disk").status()).isEqualTo("critical");
        assertThat(stateFiles()).isZero();
    }

    @Test
    void theSameIdRegisteredThroughTheApiTakesOverTheStatus() throws Exception {
        LocalState running = start(List.of(), List.of(DISK));
        running.updateCheck("disk", "passing", "from config");
        running.addCheck(parser.parse(DISK, "", "", "", "", true));
        assertThat(stateFiles()).as("the API check's own file holds its status").isZero();
        running.updateCheck("disk", "warning", "from api");

        assertThat(start(List.of(), List.of()).check("disk").output()).isEqualTo("from api");
    }

    @Test
    void aReloadKeepsAConfiguredChecksCurrentStatus() {
        LocalState running = start(List.of(WEB), List.of(DISK));
        running.updateCheck("service:web", "passing", "ready");
        running.updateCheck("disk", "passing", "fine");

        ConfiguredRegistrations again = ConfiguredRegistrations.parse(List.of(WEB), List.of(DISK), "n1", parser);
        running.dropConfiguredExcept(again.serviceIds(), again.checkIds());
        again.applyTo(running);
        assertThat(running.check("service:web").status()).isEqualTo("passing");
        assertThat(running.check("disk").status()).isEqualTo("passing");
        assertThat(running.check("disk").output()).isEqualTo("fine");
    }

    @Test
    void unreadableOrMalformedSavedStatusesAreIgnored() throws Exception {
        Path states = Files.createDirectories(dir.resolve("check-state"));
        Files.writeString(states.resolve("junk.json"), "{not json");
        Files.writeString(states.resolve("empty.json"), "");
        Files.writeString(states.resolve("nulls.json"), "{\"checkId\":null,\"status\":null,\"output\":null}");
        Files.writeString(states.resolve("odd.json"),
                "{\"checkId\":\"disk\",\"status\":\"fine\",\"output\":\"x\",\"expiresAtMillis\":0}");
        Files.writeString(states.resolve("noout.json"),
                "{\"checkId\":\"disk\",\"status\":\"passing\",\"expiresAtMillis\":0}");
        Files.writeString(states.resolve("list.json"), "[1,2,3]");
        assertThat(start(List.of(), List.of(DISK)).check("disk").status()).isEqualTo("critical");
    }
}
