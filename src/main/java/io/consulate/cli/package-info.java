// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code consulate} command-line client: {@code kv get|put|delete|export|import}, {@code members} and
 * {@code version}, with Consul's flags, output formats and exit codes so that scripts written for the
 * {@code consul} binary work unchanged. {@link io.consulate.cli.Cli} is the entry point; {@code agent} is
 * dispatched by {@code io.consulate.Main} before the client commands are consulted.
 *
 * <p>Every command talks to an agent over the public HTTP API only (the same one every client uses), through
 * {@link io.consulate.cli.ConsulApi}. Flags are parsed with picocli configured to behave like Go's
 * {@code flag} package (single-dash long names, parsing stops at the first argument, {@code @file} is data,
 * not an argument file).
 *
 * <p>Thread-safety: a command run is single-threaded; nothing here keeps state between runs. The process
 * environment, standard streams and stdin come in through {@link io.consulate.cli.Terminal}, so tests run
 * commands in-process without touching {@code System}.
 */
package io.consulate.cli;
