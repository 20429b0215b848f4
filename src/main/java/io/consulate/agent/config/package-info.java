// SPDX-License-Identifier: Apache-2.0
/**
 * The agent's configuration: Consul's {@code agent} command-line flags, JSON and HCL config files and
 * directories, and {@code -hcl} fragments, merged with Consul's precedence and validated into one immutable
 * {@link io.consulate.agent.config.AgentConfig} by {@link io.consulate.agent.config.ConfigLoader}.
 *
 * <p>Invariants: every key Consul accepts is accepted (those Consulate does not act on are listed in
 * {@code AgentConfig.ignoredKeys()}); every key Consul rejects is rejected; every failure is a
 * {@link io.consulate.agent.config.ConfigException} naming the flag, key, value and file (with line and column
 * for syntax errors). Parsing is bounded in size and depth, so hostile files fail fast.
 * {@link io.consulate.agent.config.Durations} is the shared Go-duration codec.
 *
 * <p>Thread-safety: loading runs once on the start-up thread; the results and {@code Durations} are immutable or
 * stateless and safe to share.
 */
package io.consulate.agent.config;
