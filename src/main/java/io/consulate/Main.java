package io.consulate;

import io.consulate.agent.AgentMain;
import io.consulate.cli.Cli;
import java.util.Arrays;
import java.util.List;

/** Entry point: {@code consulate agent ...} runs an agent; every other command is a CLI client. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("agent")) {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            int code = AgentMain.run(rest, System.out, System.err);
            System.exit(code);
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
