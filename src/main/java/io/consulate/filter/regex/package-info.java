// SPDX-License-Identifier: Apache-2.0
/**
 * Go-compatible regular expressions for the filter language's {@code matches} operator: Go's RE2 grammar,
 * parsed into a small syntax tree and run on a Thompson NFA, so that what Consul accepts and matches is what
 * Consulate accepts and matches, in time linear in the input. Only {@link io.consulate.filter.regex.GoRegex}
 * and its exception are public.
 *
 * <p>Thread-safety: compiled expressions are immutable; matching allocates its state per call.
 */
package io.consulate.filter.regex;
