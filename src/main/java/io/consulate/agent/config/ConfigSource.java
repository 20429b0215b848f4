// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.util.Map;

/**
 * One normalised layer of configuration (the dev defaults, a file, the flags, a {@code -hcl} fragment), ready to
 * be merged, together with who set what so that later errors can say where a bad value came from.
 *
 * @param name    the source's name: a file path, {@code "-dev defaults"}, {@code "-hcl argument 1"}...
 * @param data    the canonical tree from {@link ConfigNormalizer}
 * @param origins finer-grained origins by dotted key (the flags use it to name each flag); may be empty
 */
record ConfigSource(String name, Map<String, Object> data, Map<String, String> origins) {

    /** Where the value at a dotted key came from: the nearest recorded origin, else the source's name. */
    String originOf(String path) {
        String p = path;
        while (true) {
            String o = origins.get(p);
            if (o != null) {
                return o;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return name;
            }
            p = p.substring(0, dot);
        }
    }
}
