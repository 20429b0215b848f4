// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KV calls the commands need, over {@code /v1/kv/}, with the Go client's semantics: a missing key is an
 * empty result rather than an error, writes answer {@code true}/{@code false}, and keys written must not
 * start with {@code /}.
 */
final class KvApi {
    private final ConsulApi api;

    KvApi(ConsulApi api) {
        this.api = api;
    }

    /** The entry at exactly {@code key}, if there is one. */
    Optional<KvRecord> get(String key) throws ApiException {
        List<KvRecord> entries = read(key, Map.of(), KvRecord::fromJson);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /** Every entry whose key starts with {@code prefix}, in key order. */
    List<KvRecord> list(String prefix) throws ApiException {
        return read(prefix, flag("recurse"), KvRecord::fromJson);
    }

    /** The keys under {@code prefix}, folded at the first {@code separator} after it (empty: no folding). */
    List<String> keys(String prefix, String separator) throws ApiException {
        Map<String, String> q = flag("keys");
        if (!separator.isEmpty()) {
            q.put("separator", separator);
        }
        return read(prefix, q, JsonNode::asText);
    }

    boolean put(String key, byte[] value, long flags) throws ApiException {
        return write(key, value, flags, Map.of());
    }

    /** Writes only if the key's ModifyIndex is {@code index} (0: only if the key does not exist). */
    boolean cas(String key, byte[] value, long flags, long index) throws ApiException {
        return write(key, value, flags, Map.of("cas", Long.toUnsignedString(index)));
    }

    boolean acquire(String key, byte[] value, long flags, String session) throws ApiException {
        return write(key, value, flags, Map.of("acquire", session));
    }

    boolean release(String key, byte[] value, long flags, String session) throws ApiException {
        return write(key, value, flags, Map.of("release", session));
    }

    boolean delete(String key) throws ApiException {
        return remove(key, Map.of());
    }

    /** Deletes only if the key's ModifyIndex is {@code index}. */
    boolean deleteCas(String key, long index) throws ApiException {
        return remove(key, Map.of("cas", Long.toUnsignedString(index)));
    }

    void deleteTree(String prefix) throws ApiException {
        remove(prefix, flag("recurse"));
    }

    /** A read of the array at {@code key}; nothing there (404) is an empty list, as with the Go client. */
    private <T> List<T> read(String key, Map<String, String> query, ConsulApi.Element<T> element)
            throws ApiException {
        ConsulApi.Response r = api.get(path(trimSlash(key)), query);
        return r.status() == 404 ? List.of() : ConsulApi.list(r, element);
    }

    private boolean write(String key, byte[] value, long flags, Map<String, String> extra) throws ApiException {
        requireNoLeadingSlash(key);
        Map<String, String> q = new LinkedHashMap<>();
        if (flags != 0) {
            q.put("flags", Long.toUnsignedString(flags));
        }
        q.putAll(extra);
        return answer(api.put(path(key), q, value));
    }

    private boolean remove(String key, Map<String, String> query) throws ApiException {
        requireNoLeadingSlash(key);
        return answer(api.delete(path(key), query));
    }

    private static boolean answer(ConsulApi.Response r) throws ApiException {
        if (r.status() != 200) {
            throw ConsulApi.unexpected(r);
        }
        return r.body().strip().equals("true");
    }

    private static void requireNoLeadingSlash(String key) throws ApiException {
        if (key.startsWith("/")) {
            throw new ApiException("Invalid key. Key must not begin with a '/': " + key);
        }
    }

    private static Map<String, String> flag(String name) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put(name, null);
        return q;
    }

    private static String trimSlash(String key) {
        return key.startsWith("/") ? key.substring(1) : key;
    }

    /**
     * {@code /v1/kv/} plus the key with every {@code /}-separated segment percent-encoded (UTF-8, all but
     * RFC 3986 unreserved characters), so keys holding spaces, {@code ?}, {@code #} or {@code %} survive.
     */
    static String path(String key) {
        StringBuilder sb = new StringBuilder("/v1/kv/");
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = c == '/' || c == '-' || c == '.' || c == '_' || c == '~'
                    || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
