// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.agent.AgentMain;
import java.util.List;

/**
 * {@code consulate agent}: listed with the other commands and runnable from {@link Cli}, but implemented by
 * {@link AgentMain} ({@code io.consulate.Main} normally sends {@code agent} there directly).
 */
final class AgentCommand implements CliCommand {
    @Override
    public String synopsis() {
        return "Runs a Consulate agent";
    }

    @Override
    public String help() {
        return """
                Usage: consulate agent [options]

                  Starts a Consulate agent (a server, or a client of one) and runs until
                  interrupted. "consulate agent -h" lists its options.""";
    }

    @Override
    public int run(List<String> args, Terminal t) {
        return AgentMain.run(args, t.out(), t.err());
    }
}
