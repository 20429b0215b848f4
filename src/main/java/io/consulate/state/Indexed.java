package io.consulate.state;

/**
 * A read result with the index a blocking query compares against (Consul's X-Consul-Index).
 *
 * @param index never below 1: Consul clamps to 1 because index 1 is always safe to wait on
 * @param value the result, or {@code null} when nothing matched
 */
public record Indexed<T>(long index, T value) {
    public Indexed {
        index = Math.max(1, index);
    }
}
