// SPDX-License-Identifier: Apache-2.0
/**
 * Consul's {@code ?filter=} expression language (hashicorp/go-bexpr as Consul uses it): parse once with
 * {@link io.consulate.filter.Filter#parse}, then test JSON-shaped items with
 * {@link io.consulate.filter.Filter#matches} or filter a list with {@link io.consulate.filter.Filter#apply}.
 * A malformed expression raises {@link io.consulate.filter.FilterException} with a go-bexpr-style position,
 * which the HTTP layer returns as a 400.
 *
 * <p>Deliberate departures from Consul, all toward accepting more: selectors are not checked against Go types
 * (an unknown one behaves as a missing key instead of a 400), operators applied to an unsupported kind of value
 * are false rather than rejected, word operators need no surrounding whitespace, {@code \"} is allowed inside
 * double-quoted strings, and {@code is empty} also applies to strings. Limits: 4096 characters, 64 nested
 * parentheses, regular expressions of at most 10,000 compiled instructions and 100 nested groups.
 *
 * <p>Thread-safety: parsed filters are immutable and may be shared; evaluation keeps no state between calls.
 */
package io.consulate.filter;
