package io.consulate.agent.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent registrations on disk, as Consul keeps them: one JSON file per service and per check under
 * {@code data_dir/services} and {@code data_dir/checks}, written atomically (temp file, fsync, rename).
 * A file that cannot be read is skipped with a warning rather than stopping the agent.
 *
 * <p>Checks from config files are not kept here (the files are their source of truth), but a config-file TTL
 * check's last status is, under {@code data_dir/check-state}, keyed by check ID alone: like an API check's, it
 * must survive a restart while its TTL has not run out, and it belongs to no definition that could go stale.
 */
public class LocalStore {
    /** Keeps nothing (dev mode). */
    public static final LocalStore NONE = new LocalStore(null);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * A persisted check: its row (status and output kept, so a TTL check survives a restart) and definition.
     *
     * @param expiresAtMillis for a TTL check's status, when its TTL runs out (epoch ms); after that the status is
     *                        not restored. 0 when the status does not expire.
     */
    public record StoredCheck(Check check, Map<String, Object> definition, long expiresAtMillis) {
        public StoredCheck(Check check, Map<String, Object> definition) {
            this(check, definition, 0);
        }
    }

    /**
     * The last status of a config-file TTL check, without its definition.
     *
     * @param expiresAtMillis when its TTL runs out (epoch ms); after that the status is not restored
     */
    public record CheckState(String checkId, String status, String output, long expiresAtMillis) {
    }

    private final Path dir;

    public LocalStore(Path dataDir) {
        this.dir = dataDir;
    }

    List<Service> loadServices() {
        return load("services", new TypeReference<Service>() {});
    }

    List<StoredCheck> loadChecks() {
        return load("checks", new TypeReference<StoredCheck>() {});
    }

    void saveService(Service s) {
        write("services", s.id(), s);
    }

    void deleteService(String id) {
        delete("services", id);
    }

    void saveCheck(StoredCheck c) {
        write("checks", c.check().checkId(), c);
    }

    void deleteCheck(String id) {
        delete("checks", id);
    }

    List<CheckState> loadCheckStates() {
        return load("check-state", new TypeReference<CheckState>() {});
    }

    void saveCheckState(CheckState c) {
        write("check-state", c.checkId(), c);
    }

    void deleteCheckState(String id) {
        delete("check-state", id);
    }

    private <T> List<T> load(String kind, TypeReference<T> type) {
        List<T> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir.resolve(kind))) {
            return out;
        }
        try (var files = Files.list(dir.resolve(kind))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), type));
                } catch (IOException e) {
                    LOG.warn("skipping unreadable {} file {}: {}", kind, f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void write(String kind, String id, Object value) {
        if (dir == null) {
            return;
        }
        try {
            Path folder = Files.createDirectories(dir.resolve(kind));
            Path target = folder.resolve(fileName(id));
            Path tmp = folder.resolve(fileName(id) + ".tmp");
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(value)));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not persist " + kind + " " + id, e);
        }
    }

    private void delete(String kind, String id) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(kind).resolve(fileName(id)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** IDs may hold any character ("scope/name"): the file is named by a hash of the ID. */
    private static String fileName(String id) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + ".json";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
