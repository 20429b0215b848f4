// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.watch.GoJsonText;
import io.consulate.watch.ScriptHandler;
import io.consulate.watch.WatchHandler;
import io.consulate.watch.WatchPlan;
import io.consulate.watch.WatchSource;
import io.consulate.watch.WatchSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate watch}: blocks on one view of the data (a key, a prefix, the services, the nodes, one
 * service's instances, checks, or events) and either prints its current value once as indented JSON, as
 * Consul does, or runs the handler given as trailing arguments for every distinct change (JSON on stdin,
 * {@code CONSUL_INDEX} in its environment), under {@link WatchPlan}'s delivery rule. Exit 1 when the agent
 * cannot be read at first or the flags are invalid, 2 when the handler fails.
 */
final class WatchCommand extends FlagCommand<WatchCommand.Options> {
    private static final String USAGE = """
            Usage: consulate watch [options] [child...]

              Watches for changes in a given data view from Consulate. If a child process
              is specified, it will be invoked with the latest results on changes. Otherwise,
              the latest values are dumped to stdout and the watch terminates.

              Providing the watch type is required, and other parameters may be required
              or supported depending on the watch type.
            """;
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(5);

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Option(names = {"-type", "--type"}, paramLabel = "string",
                description = "Specifies the watch type. One of key, keyprefix, services, nodes, service, "
                        + "checks, or event.")
        String type = "";

        @Option(names = {"-key", "--key"}, paramLabel = "string",
                description = "Specifies the key to watch. Only for 'key' type.")
        String key = "";

        @Option(names = {"-prefix", "--prefix"}, paramLabel = "string",
                description = "Specifies the key prefix to watch. Only for 'keyprefix' type.")
        String prefix = "";

        @Option(names = {"-service", "--service"}, paramLabel = "string",
                description = "Specifies the service to watch. Required for 'service' type, optional for "
                        + "'checks' type.")
        String service = "";

        @Option(names = {"-tag", "--tag"}, paramLabel = "value",
                description = "Specifies the service tag(s) to filter on. Optional for 'service' type. May be "
                        + "specified multiple times.")
        List<String> tags = new ArrayList<>();

        @Option(names = {"-passingonly", "--passingonly"}, arity = "0..1", paramLabel = "bool",
                description = "Specifies if only hosts passing all checks are displayed. Optional for "
                        + "'service' type, and defaults to false.")
        boolean passingOnly;

        @Option(names = {"-state", "--state"}, paramLabel = "string",
                description = "Specifies the states to watch. Optional for 'checks' type.")
        String state = "";

        @Option(names = {"-name", "--name"}, paramLabel = "string",
                description = "Specifies an event name to watch. Only for 'event' type.")
        String name = "";

        @Option(names = {"-shell", "--shell"}, arity = "0..1", paramLabel = "bool",
                description = "Use a shell to run the command (the SHELL environment variable, /bin/sh "
                        + "without it). Defaults to true.")
        boolean shell = true;

        @Parameters(hidden = true)
        List<String> child = new ArrayList<>();
    }

    WatchCommand() {
        super("Watch for changes in Consulate", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        WatchSpec spec;
        ApiTarget target;
        try {
            spec = new WatchSpec(WatchSpec.Type.parse(o.type), o.key, o.prefix, o.service, o.tags, o.passingOnly,
                    o.state, o.name, "", "", false).validate();
            target = ApiTarget.resolve(o.client, o.server, t);
        } catch (WatchSpec.InvalidWatchException e) {
            t.error("Error: " + e.getMessage());
            return 1;
        } catch (ApiException e) {
            t.error("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        }
        spec = new WatchSpec(spec.type(), spec.key(), spec.prefix(), spec.service(), spec.tags(),
                spec.passingOnly(), spec.state(), spec.name(), target.datacenter(), target.token(), target.stale());
        try (WatchSource source = new WatchSource(target.base(), target.token(), target.basicAuth(), WAIT)) {
            return watch(spec, source, o, t);
        }
    }

    private static int watch(WatchSpec spec, WatchSource source, Options o, Terminal t) {
        AtomicReference<WatchPlan> plan = new AtomicReference<>();
        AtomicReference<Integer> exit = new AtomicReference<>(0);
        boolean once = o.child.isEmpty();
        WatchHandler handler = once ? (index, data) -> {
            t.println(GoJsonText.indented(data));
            plan.get().stop();
        } : script(o, t);
        plan.set(new WatchPlan(spec, source, handler, new WatchPlan.Errors() {
            @Override
            public void readFailed(Exception e) {
                t.error(AgentCall.QUERY_FAILED + e.getMessage());
                if (plan.get().observedIndex() == 0) { // nothing seen yet: the agent is not there
                    exit.set(1);
                    plan.get().stop();
                }
            }

            @Override
            public void handlerFailed(Exception e) {
                t.error("Error executing handler: " + e.getMessage());
                exit.set(2);
            }
        }, RETRY, true));
        plan.get().run();
        Thread.interrupted(); // stop() from the handler interrupts this thread; leave it clean
        return exit.get();
    }

    private static WatchHandler script(Options o, Terminal t) {
        List<String> command = o.child;
        if (o.shell) {
            String sh = t.getenv("SHELL").isEmpty() ? "/bin/sh" : t.getenv("SHELL");
            command = List.of(sh, "-c", String.join(" ", o.child));
        }
        return new ScriptHandler(command, Map.of(), out -> {
            t.out().write(out, 0, out.length);
            t.out().flush();
        });
    }
}
