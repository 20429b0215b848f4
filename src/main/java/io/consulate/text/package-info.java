// SPDX-License-Identifier: Apache-2.0
/**
 * Go's text conventions that Consul's messages show to clients, kept in one place so that every package
 * formats them alike. Depends on nothing else in Consulate.
 */
package io.consulate.text;
