// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code dig} (Debian bind9-dnsutils) against a port on 127.0.0.1 and parses its text output:
 * status, header flags and the three record sections. One try, 3 s timeout, no cookie option.
 */
final class Dig {
    private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");

    /** One record line of dig's output: owner, TTL, type and the rest (rdata) as dig prints it. */
    record Rr(String name, long ttl, String type, String data) {}

    /** dig's view of one reply. */
    record Result(String status, Set<String> flags, List<Rr> answer, List<Rr> authority, List<Rr> additional,
            String raw) {
        List<String> answerData(String type) {
            return answer.stream().filter(r -> r.type().equals(type)).map(Rr::data).toList();
        }
    }

    private Dig() {}

    static Result query(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+tries=1",
                "+time=3", "+nocookie"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("dig hung: " + cmd);
        }
        return parse(out);
    }

    static Result parse(String out) {
        String status = null;
        Set<String> flags = new LinkedHashSet<>();
        List<Rr> answer = new ArrayList<>();
        List<Rr> authority = new ArrayList<>();
        List<Rr> additional = new ArrayList<>();
        List<Rr> section = null;
        for (String line : out.split("\n")) {
            Matcher s = STATUS.matcher(line);
            Matcher f = FLAGS.matcher(line);
            if (line.startsWith(";; ->>HEADER<<-") && s.find()) {
                status = s.group(1);
            } else if (f.find()) {
                flags.addAll(Arrays.asList(f.group(1).trim().split(" +")));
            } else if (line.startsWith(";; ANSWER SECTION")) {
                section = answer;
            } else if (line.startsWith(";; AUTHORITY SECTION")) {
                section = authority;
            } else if (line.startsWith(";; ADDITIONAL SECTION")) {
                section = additional;
            } else if (line.isBlank() || line.startsWith(";")) {
                section = line.isBlank() ? null : section;
            } else if (section != null) {
                String[] parts = line.trim().split("\\s+", 5);
                section.add(new Rr(parts[0], Long.parseLong(parts[1]), parts[3], parts.length > 4 ? parts[4] : ""));
            }
        }
        if (status == null) {
            throw new IllegalStateException("dig gave no reply:\n" + out);
        }
        return new Result(status, flags, answer, authority, additional, out);
    }
}
