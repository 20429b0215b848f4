// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.util.List;

/**
 * A path into an item: {@code Service.Meta.version} or {@code NodeMeta["rack name"]} is the list of map keys
 * to follow. {@code text} is the selector as written, for messages.
 */
record Selector(List<String> path, String text) {

    Selector {
        path = List.copyOf(path);
    }

    /** The selector used as a bare value ({@code x == a.b}): its names joined with dots, as go-bexpr does. */
    String asValue() {
        return String.join(".", path);
    }
}
