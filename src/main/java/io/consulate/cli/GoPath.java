// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Slash-separated path joining with the semantics of Go's {@code path.Join}, which {@code consul kv import
 * -prefix} uses to build keys: empty parts are skipped, repeated slashes collapse, {@code .} and
 * {@code ..} are resolved lexically and a trailing slash is dropped.
 */
final class GoPath {
    private GoPath() {}

    /** Joins the non-empty parts with {@code /} and cleans the result; all parts empty gives {@code ""}. */
    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(p);
        }
        return sb.isEmpty() ? "" : clean(sb.toString());
    }

    /** The shortest equivalent path: Go's {@code path.Clean}. An empty result is {@code "."}. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        int leadingUps = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                } else if (!rooted) {
                    leadingUps++;
                }
                continue;
            }
            out.addLast(segment);
        }
        StringBuilder sb = new StringBuilder(rooted ? "/" : "");
        for (int i = 0; i < leadingUps; i++) {
            sb.append(sb.isEmpty() || sb.charAt(sb.length() - 1) == '/' ? "" : "/").append("..");
        }
        for (String s : out) {
            sb.append(sb.isEmpty() || sb.charAt(sb.length() - 1) == '/' ? "" : "/").append(s);
        }
        return sb.isEmpty() ? "." : sb.toString();
    }
}
