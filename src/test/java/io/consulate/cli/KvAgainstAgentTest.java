// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kv} commands end to end against a real in-process agent. Each test uses its own key prefix. */
class KvAgainstAgentTest {
    private static TestAgent agent;
    private static String addr;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        addr = agent.httpAddress();
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static CliRun cli(String... commandThenArgs) {
        return CliRun.against(addr, commandThenArgs);
    }

    private static long modifyIndex(String key) {
        Matcher m = Pattern.compile("(?m)^ModifyIndex +(\\d+)$").matcher(cli("kv", "get", "-detailed", key).out());
        assertThat(m.find()).as("ModifyIndex of " + key).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void putThenGetPrintsTheValueExactly() {
        assertThat(cli("kv", "put", "basic/greeting", "hello world"))
                .isEqualTo(new CliRun(0, "Success! Data written to: basic/greeting\n", ""));
        assertThat(cli("kv", "get", "basic/greeting")).isEqualTo(new CliRun(0, "hello world\n", ""));
    }

    @Test
    void getOfAMissingKeyExits1WithConsulsError() {
        assertThat(cli("kv", "get", "missing/key")).isEqualTo(new CliRun(1, "", "Error! No key exists at: missing/key\n"));
    }

    @Test
    void detailedGetPrintsTheAlignedMetadataTable() {
        cli("kv", "put", "-flags=42", "detailed/k", "v");

        String out = cli("kv", "get", "-detailed", "detailed/k").out();

        assertThat(out).matches("""
                CreateIndex      \\d+
                Flags            42
                Key              detailed/k
                LockIndex        0
                ModifyIndex      \\d+
                Session          -
                Value            v
                """);
    }

    @Test
    void casWithAStaleIndexFailsAndWithTheCurrentIndexSucceeds() {
        cli("kv", "put", "cas/k", "one");
        long first = modifyIndex("cas/k");
        cli("kv", "put", "cas/k", "two");
        long current = modifyIndex("cas/k");

        assertThat(cli("kv", "put", "-cas", "-modify-index=" + first, "cas/k", "three"))
                .isEqualTo(new CliRun(1, "", "Error! Did not write to cas/k: CAS failed\n"));
        assertThat(cli("kv", "put", "-cas", "-modify-index=0", "cas/k", "three").exit()).isEqualTo(1);
        assertThat(cli("kv", "put", "-cas", "-modify-index=" + current, "cas/k", "three").exit()).isZero();
        assertThat(cli("kv", "get", "cas/k").out()).isEqualTo("three\n");
    }

    @Test
    void casWithIndexZeroCreatesAMissingKey() {
        assertThat(cli("kv", "put", "-cas", "-modify-index=0", "cas/new", "fresh").exit()).isZero();
        assertThat(cli("kv", "get", "cas/new").out()).isEqualTo("fresh\n");
    }

    @Test
    void putReadsBinaryDataFromAFile(@TempDir Path dir) throws Exception {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff, '\n'};
        Path file = Files.write(dir.resolve("blob.bin"), binary);

        assertThat(cli("kv", "put", "file/blob", "@" + file).exit()).isZero();

        assertThat(cli("kv", "get", "-base64", "file/blob").out())
                .isEqualTo(Base64.getEncoder().encodeToString(binary) + "\n");
    }

    @Test
    void putReadsDataFromStdin() {
        CliRun put = CliRun.run(Map.of(), "from stdin\n".getBytes(StandardCharsets.UTF_8),
                CliRun.withAddr(addr, "kv", "put", "stdin/k", "-"));

        assertThat(put.exit()).isZero();
        assertThat(cli("kv", "get", "stdin/k").out()).isEqualTo("from stdin\n\n");
    }

    @Test
    void putWithoutDataStoresAnEmptyValue() {
        cli("kv", "put", "empty/k");

        assertThat(cli("kv", "get", "empty/k")).isEqualTo(new CliRun(0, "\n", ""));
        assertThat(cli("kv", "get", "-detailed", "empty/k").out()).endsWith("\nValue            \n");
    }

    @Test
    void base64PutDecodesTheData() {
        cli("kv", "put", "-base64", "b64/k", "aGk=");

        assertThat(cli("kv", "get", "b64/k").out()).isEqualTo("hi\n");
    }

    @Test
    void recurseListsKeyValuePairsInKeyOrder() {
        cli("kv", "put", "rec/b/c", "2");
        cli("kv", "put", "rec/a", "1");
        cli("kv", "put", "rec/d", "3");

        assertThat(cli("kv", "get", "-recurse", "rec/")).isEqualTo(new CliRun(0, "rec/a:1\nrec/b/c:2\nrec/d:3\n", ""));
    }

    @Test
    void recurseDetailedSeparatesEntriesWithABlankLine() {
        cli("kv", "put", "recd/a", "1");
        cli("kv", "put", "recd/b", "2");

        String out = cli("kv", "get", "-recurse", "-detailed", "recd/").out();

        assertThat(out).contains("Value            1\n\nCreateIndex").endsWith("Value            2\n");
    }

    @Test
    void keysFoldAtTheSeparatorUnlessItIsEmpty() {
        cli("kv", "put", "keys/a", "1");
        cli("kv", "put", "keys/sub/x", "2");
        cli("kv", "put", "keys/sub/y", "3");

        assertThat(cli("kv", "get", "-keys", "keys/").out()).isEqualTo("keys/a\nkeys/sub/\n");
        assertThat(cli("kv", "get", "-keys", "-separator=", "keys/").out())
                .isEqualTo("keys/a\nkeys/sub/x\nkeys/sub/y\n");
        assertThat(cli("kv", "get", "-keys", "-recurse", "keys/").out())
                .isEqualTo("keys/a\nkeys/sub/x\nkeys/sub/y\n");
    }

    @Test
    void listingAnEmptyPrefixPrintsNothingAndSucceeds() {
        assertThat(cli("kv", "get", "-recurse", "nothing-here/")).isEqualTo(new CliRun(0, "", ""));
        assertThat(cli("kv", "get", "-keys", "nothing-here/")).isEqualTo(new CliRun(0, "", ""));
    }

    @Test
    void deleteRemovesAKeyAndRecurseRemovesAPrefix() {
        cli("kv", "put", "del/a", "1");
        cli("kv", "put", "del/b/c", "2");
        cli("kv", "put", "delicate", "keep");

        assertThat(cli("kv", "delete", "del/a")).isEqualTo(new CliRun(0, "Success! Deleted key: del/a\n", ""));
        assertThat(cli("kv", "get", "del/a").exit()).isEqualTo(1);
        assertThat(cli("kv", "delete", "-recurse", "del/"))
                .isEqualTo(new CliRun(0, "Success! Deleted keys with prefix: del/\n", ""));
        assertThat(cli("kv", "get", "-recurse", "del/").out()).isEmpty();
        assertThat(cli("kv", "get", "delicate").out()).isEqualTo("keep\n");
    }

    @Test
    void deletingAMissingKeySucceedsLikeConsul() {
        assertThat(cli("kv", "delete", "never/was")).isEqualTo(new CliRun(0, "Success! Deleted key: never/was\n", ""));
    }

    @Test
    void casDeleteOnlyRemovesAnUnchangedKey() {
        cli("kv", "put", "casdel/k", "v");
        long index = modifyIndex("casdel/k");

        assertThat(cli("kv", "delete", "-cas", "-modify-index=" + (index + 1000), "casdel/k"))
                .isEqualTo(new CliRun(1, "", "Error! Did not delete key casdel/k: CAS failed\n"));
        assertThat(cli("kv", "delete", "-cas", "-modify-index=" + index, "casdel/k"))
                .isEqualTo(new CliRun(0, "Success! Deleted key: casdel/k\n", ""));
    }

    @Test
    void exportPrintsConsulsJsonLayout() {
        cli("kv", "put", "-flags=7", "exp1/only", "hi");

        assertThat(cli("kv", "export", "exp1/").out()).isEqualTo("""
                [
                \t{
                \t\t"key": "exp1/only",
                \t\t"flags": 7,
                \t\t"value": "aGk="
                \t}
                ]
                """);
    }

    @Test
    void exportThenImportRestoresKeysFlagsAndBinaryValues() {
        cli("kv", "put", "-flags=3", "trip/a", "alpha");
        CliRun.run(Map.of(), new byte[] {0, (byte) 0x80, 'z'}, CliRun.withAddr(addr, "kv", "put", "trip/bin", "-"));
        cli("kv", "put", "trip/dir/");
        String exported = cli("kv", "export", "trip/").out();
        cli("kv", "delete", "-recurse", "trip/");

        CliRun imported = CliRun.run(Map.of(), exported.getBytes(StandardCharsets.UTF_8),
                CliRun.withAddr(addr, "kv", "import", "-"));

        assertThat(imported).isEqualTo(new CliRun(0, "Imported: trip/a\nImported: trip/bin\nImported: trip/dir/\n", ""));
        assertThat(cli("kv", "export", "trip/").out()).isEqualTo(exported);
        assertThat(cli("kv", "get", "-detailed", "trip/a").out()).contains("Flags            3\n");
    }

    @Test
    void importUnderAPrefixFromAFileAndFromAnArgument(@TempDir Path dir) throws Exception {
        String doc = "[{\"key\":\"x\",\"flags\":0,\"value\":\"MQ==\"}]";
        Path file = Files.writeString(dir.resolve("kv.json"), doc);

        assertThat(cli("kv", "import", "-prefix=imp/file", "@" + file).out()).isEqualTo("Imported: imp/file/x\n");
        assertThat(cli("kv", "import", "-prefix=imp/arg/", doc).out()).isEqualTo("Imported: imp/arg/x\n");
        assertThat(cli("kv", "get", "-recurse", "imp/").out()).isEqualTo("imp/arg/x:1\nimp/file/x:1\n");
    }

    @Test
    void importOfMalformedJsonFailsWithoutWriting() {
        CliRun r = cli("kv", "import", "[{\"key\": ");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Cannot unmarshal data: ");
    }

    @Test
    void keysWithSpacesAndReservedCharactersRoundTrip() {
        String key = "odd/a b?c#d%e&f+g/ünï";

        assertThat(cli("kv", "put", key, "v").exit()).isZero();

        assertThat(cli("kv", "get", key).out()).isEqualTo("v\n");
        assertThat(cli("kv", "get", "-keys", "odd/").out()).isEqualTo("odd/a b?c#d%e&f+g/\n");
    }

    @Test
    void leadingSlashOnReadsIsDroppedAsAConvenience() {
        cli("kv", "put", "slash/k", "v");

        assertThat(cli("kv", "get", "/slash/k").out()).isEqualTo("v\n");
    }
}
