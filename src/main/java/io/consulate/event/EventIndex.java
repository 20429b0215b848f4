// SPDX-License-Identifier: Apache-2.0
package io.consulate.event;

/**
 * The X-Consul-Index of {@code /v1/event/list}, computed as Consul does so that Go's {@code event.IDToIndex}
 * (which its event watch uses to find where the new events start) agrees with the header: the event ID's
 * 128 bits split into two 64-bit halves, XORed. The value is not monotonic, so a blocking list waits while
 * the index <em>equals</em> the client's, never "until greater".
 */
public final class EventIndex {
    private EventIndex() {}

    /**
     * The index for a UUID in its canonical 8-4-4-4-12 form.
     *
     * @throws IllegalArgumentException when {@code uuid} is not a canonical hexadecimal UUID
     */
    public static long of(String uuid) {
        if (uuid.length() != 36 || uuid.charAt(8) != '-' || uuid.charAt(13) != '-' || uuid.charAt(18) != '-'
                || uuid.charAt(23) != '-') {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        String high = uuid.substring(0, 8) + uuid.substring(9, 13) + uuid.substring(14, 18);
        String low = uuid.substring(19, 23) + uuid.substring(24, 36);
        try {
            return Long.parseUnsignedLong(high, 16) ^ Long.parseUnsignedLong(low, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a UUID: " + uuid, e);
        }
    }
}
