// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.agent.checks.CheckDefinitionException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ParseContext API = ParseContext.api(false, false);
    private static final ParseContext API_WITH_SCRIPTS = ParseContext.api(true, false);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text.replace('\'', '"'), Map.class);
    }

    private static CheckDefinition parse(String text) throws Exception {
        return CheckDefinitions.parse(json(text), API_WITH_SCRIPTS);
    }

    @Test
    void httpCheckKeepsEveryPascalCaseField() throws Exception {
        CheckDefinition def = parse("{'ID':'web-check','Name':'Web','ServiceID':'web','Notes':'n','Token':'t',"
                + "'HTTP':'https://127.0.0.1:8443/health','Method':'POST','Header':{'X-A':['1','2']},'Body':'{}',"
                + "'TLSSkipVerify':true,'TLSServerName':'web.internal','DisableRedirects':true,"
                + "'Interval':'10s','Timeout':'2s','Status':'passing'}");

        assertThat(def).isEqualTo(new CheckDefinition.Http(
                new CheckCommon("web-check", "Web", "web", "n", "t", "passing", Duration.ofSeconds(10),
                        Duration.ofSeconds(2), 0, 0, 0, Duration.ZERO, 0),
                "https://127.0.0.1:8443/health", "POST", Map.of("X-A", List.of("1", "2")), "{}", true,
                "web.internal", true));
        assertThat(def.type()).isEqualTo("http");
    }

    @Test
    void pythonConsulLowerCaseKeysAreAccepted() throws Exception {
        CheckDefinition def = parse("{'id':'c1','name':'c1','serviceid':'svc','http':'http://h/','interval':'10s',"
                + "'timeout':'1s','header':{'A':['b']},'deregistercriticalserviceafter':'90m'}");

        CheckDefinition.Http http = (CheckDefinition.Http) def;
        assertThat(http.common().id()).isEqualTo("c1");
        assertThat(http.common().serviceId()).isEqualTo("svc");
        assertThat(http.common().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(http.common().deregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(http.header()).containsEntry("A", List.of("b"));
    }

    @Test
    void snakeCaseAndMixedCaseKeysAreAccepted() throws Exception {
        CheckDefinition def = parse("{'check_id':'t1','tcp':'db:5432','Interval':'5s','tcp_use_tls':true,"
                + "'tls_skip_verify':true,'TLS_Server_Name':'db.internal','deregister_critical_service_after':'30s',"
                + "'success_before_passing':2,'failures_before_warning':1,'FailuresBeforeCritical':3,"
                + "'service_id':'db','output_max_size':100}");

        assertThat(def).isEqualTo(new CheckDefinition.Tcp(
                new CheckCommon("t1", "", "db", "", "", "critical", Duration.ofSeconds(5), Duration.ZERO, 2, 1, 3,
                        Duration.ofSeconds(30), 100),
                "db:5432", true, true, "db.internal"));
    }

    @Test
    void numericDurationsAreNanosecondsLikeGoJson() throws Exception {
        assertThat(((CheckDefinition.Ttl) parse("{'TTL':15000000000}")).ttl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(parse("{'TCP':'h:1','Interval':1.5e9}").common().interval()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void newChecksStartCriticalUnlessStatusIsGiven() throws Exception {
        assertThat(parse("{'TTL':'30s'}").common().status()).isEqualTo("critical");
        assertThat(parse("{'TTL':'30s','Status':'warning'}").common().status()).isEqualTo("warning");
    }

    @Test
    void argsAndScriptArgsAreTheSameField() throws Exception {
        assertThat(parse("{'args':['/bin/check','-v'],'interval':'10s'}"))
                .isEqualTo(parse("{'ScriptArgs':['/bin/check','-v'],'Interval':'10s'}"))
                .isInstanceOf(CheckDefinition.Script.class);
    }

    @Test
    void legacyScriptWithShellIsAScriptCheck() throws Exception {
        CheckDefinition.Script def = (CheckDefinition.Script) parse(
                "{'script':'exit 0','shell':'/bin/bash','interval':'10s'}");

        assertThat(def.args()).isEmpty();
        assertThat(def.script()).isEqualTo("exit 0");
        assertThat(ScriptCheckRunner.commandFor(def, Map.of())).containsExactly("/bin/bash", "-c", "exit 0");
        CheckDefinition.Script noShell = (CheckDefinition.Script) parse("{'script':'exit 0','interval':'10s'}");
        assertThat(ScriptCheckRunner.commandFor(noShell, Map.of("SHELL", "/bin/zsh"))).startsWith("/bin/zsh");
        assertThat(ScriptCheckRunner.commandFor(noShell, Map.of())).startsWith("/bin/sh");
    }

    @Test
    void eachTypeIsInferredFromItsField() throws Exception {
        assertThat(parse("{'UDP':'h:53','Interval':'10s'}")).isInstanceOf(CheckDefinition.Udp.class);
        assertThat(parse("{'GRPC':'h:1/svc','GRPCUseTLS':true,'Interval':'10s'}"))
                .isEqualTo(new CheckDefinition.Grpc(parse("{'GRPC':'h:1/svc','Interval':'10s'}").common(),
                        "h:1/svc", true, false, ""));
        assertThat(parse("{'AliasService':'web'}")).isInstanceOf(CheckDefinition.Alias.class);
        assertThat(parse("{'AliasNode':'n1','Interval':'10s'}")).isInstanceOf(CheckDefinition.Alias.class);
        assertThat(parse("{'DockerContainerID':'abc','Args':['x'],'Interval':'10s'}"))
                .isInstanceOf(CheckDefinition.DockerContainer.class);
        assertThat(parse("{'OSService':'nginx','Interval':'10s'}")).isInstanceOf(CheckDefinition.OsService.class);
    }

    @Test
    void h2pingUsesTlsUnlessExplicitlyDisabled() throws Exception {
        assertThat(((CheckDefinition.H2Ping) parse("{'H2PING':'h:443','Interval':'10s'}")).useTls()).isTrue();
        assertThat(((CheckDefinition.H2Ping) parse("{'H2PING':'h:80','Interval':'10s','h2ping_use_tls':false}"))
                .useTls()).isFalse();
    }

    @Test
    void whenSeveralTypeFieldsArePresentTheOneConsulRunsWins() throws Exception {
        assertThat(parse("{'HTTP':'http://h/','TCP':'h:1','GRPC':'h:2','Interval':'10s'}"))
                .isInstanceOf(CheckDefinition.Http.class);
        assertThat(parse("{'TCP':'h:1','UDP':'h:2','Interval':'10s'}")).isInstanceOf(CheckDefinition.Tcp.class);
        assertThat(parse("{'Args':['x'],'H2PING':'h:2','Interval':'10s'}"))
                .isInstanceOf(CheckDefinition.Script.class);
    }

    @Test
    void timeoutsDefaultPerTypeAsInConsul() throws Exception {
        assertThat(parse("{'HTTP':'http://h/','Interval':'10s'}").effectiveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("{'TCP':'h:1','Interval':'10s'}").effectiveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("{'Args':['x'],'Interval':'10s'}").effectiveTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("{'Args':['x'],'Interval':'10s','Timeout':'3s'}").effectiveTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void intervalsBelowOneSecondRunEverySecondButAreKeptAsGiven() throws Exception {
        CheckDefinition def = parse("{'HTTP':'http://h/','Interval':'100ms'}");

        assertThat(def.common().interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(def.effectiveInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void deregisterCriticalServiceAfterHasAOneMinuteMinimum() throws Exception {
        assertThat(parse("{'TTL':'10s','DeregisterCriticalServiceAfter':'10s'}")
                .effectiveDeregisterCriticalServiceAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(parse("{'TTL':'10s','DeregisterCriticalServiceAfter':'150.0s'}")
                .effectiveDeregisterCriticalServiceAfter()).isEqualTo(Duration.ofSeconds(150));
        assertThat(parse("{'TTL':'10s'}").effectiveDeregisterCriticalServiceAfter()).isZero();
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        assertThat(parse("{'TTL':'10s','WriteRequest':{},'Definition':{'x':1},'CreateIndex':3}"))
                .isInstanceOf(CheckDefinition.Ttl.class);
    }

    @Test
    void aSingleHeaderValueIsAcceptedAsAList() throws Exception {
        assertThat(((CheckDefinition.Http) parse("{'HTTP':'http://h/','Interval':'1s','Header':{'A':'b'}}"))
                .header()).containsEntry("A", List.of("b"));
    }

    @Test
    void failuresBeforeWarningDefaultsToFailuresBeforeCritical() throws Exception {
        assertThat(parse("{'TTL':'10s','FailuresBeforeCritical':3}").common().thresholds())
                .isEqualTo(new Thresholds(0, 3, 3));
    }

    @Test
    void checksWithOnlyZeroValuesAreEmpty() throws Exception {
        assertThat(CheckDefinitions.isEmpty(json("{}"))).isTrue();
        assertThat(CheckDefinitions.isEmpty(json("{'Name':'','Interval':0,'Header':{}}"))).isTrue();
        assertThat(CheckDefinitions.isEmpty(json("{'Name':'x'}"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{'HTTP':'http://h/'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'TCP':'h:1'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'UDP':'h:1','Interval':'0s'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'GRPC':'h:1'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'H2PING':'h:1'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'OSService':'x'}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'Args':['x']}|Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks",
        "{'TTL':'10s','Interval':'10s'}|Interval and TTL cannot both be specified",
        "{'HTTP':'http://h/','Interval':'10s','TTL':'5s'}|Interval and TTL cannot both be specified",
        "{'HTTP':'http://h/','Interval':'10s','AliasService':'web'}|Interval cannot be set for Alias checks",
        "{'AliasService':'web','TTL':'10s'}|TTL must be not be set for Alias checks",
        "{}|TTL must be > 0 for TTL checks",
        "{'Name':'just a name'}|TTL must be > 0 for TTL checks",
        "{'TTL':'-1s'}|TTL must be > 0 for TTL checks",
        "{'DockerContainerID':'abc','Interval':'10s'}|TTL must be > 0 for TTL checks",
        "{'TTL':'10s','OutputMaxSize':-1}|MaxOutputMaxSize must be positive",
        "{'TTL':'10s','FailuresBeforeWarning':2,'FailuresBeforeCritical':1}|"
                + "FailuresBeforeWarning can't be higher than FailuresBeforeCritical",
        "{'TTL':'10s','FailuresBeforeWarning':1}|FailuresBeforeWarning can't be higher than FailuresBeforeCritical",
    })
    void invalidCombinationsAreRejectedWithConsulsText(String definition, String message) throws Exception {
        assertThatThrownBy(() -> CheckDefinitions.parse(json(definition), API_WITH_SCRIPTS))
                .isInstanceOfSatisfying(CheckDefinitionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.kind()).isEqualTo(Kind.INVALID);
                    assertThat(e.httpReason()).isEqualTo("Invalid check: " + message);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{'TTL':'10s','Status':'maintenance'}|BAD_STATUS|Bad check status",
        "{'TTL':'ten seconds'}|DECODE|time: invalid duration \"ten seconds\"",
        "{'TTL':'10'}|DECODE|time: missing unit in duration \"10\"",
        "{'TTL':'10s','SuccessBeforePassing':'two'}|DECODE|json: cannot unmarshal string into Go struct field "
                + "CheckDefinition.SuccessBeforePassing of type int",
        "{'TTL':'10s','FailuresBeforeCritical':1.5}|DECODE|json: cannot unmarshal number 1.5 into Go struct field "
                + "CheckDefinition.FailuresBeforeCritical of type int",
        "{'HTTP':5,'Interval':'10s'}|DECODE|json: cannot unmarshal number into Go struct field "
                + "CheckDefinition.HTTP of type string",
        "{'Args':'/bin/true','Interval':'10s'}|DECODE|json: cannot unmarshal string into Go struct field "
                + "CheckDefinition.ScriptArgs of type []string",
        "{'TTL':'10s','TLSSkipVerify':'yes'}|DECODE|json: cannot unmarshal string into Go struct field "
                + "CheckDefinition.TLSSkipVerify of type bool",
    })
    void badValuesAreRejectedWithTheirKind(String definition, Kind kind, String message) throws Exception {
        assertThatThrownBy(() -> CheckDefinitions.parse(json(definition), API_WITH_SCRIPTS))
                .isInstanceOfSatisfying(CheckDefinitionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void scriptChecksOverTheApiNeedEnableScriptChecks() throws Exception {
        Map<String, Object> raw = json("{'Args':['/bin/true'],'Interval':'10s'}");

        assertThatThrownBy(() -> CheckDefinitions.parse(raw, ParseContext.api(false, true)))
                .isInstanceOfSatisfying(CheckDefinitionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SCRIPTS_DISABLED);
                    assertThat(e.getMessage()).isEqualTo("Scripts are disabled on this agent from remote calls; "
                            + "to enable, configure 'enable_script_checks' to true");
                    assertThat(e.httpReason()).isEqualTo(e.getMessage());
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        assertThat(CheckDefinitions.parse(raw, ParseContext.api(true, false)))
                .isInstanceOf(CheckDefinition.Script.class);
    }

    @Test
    void scriptChecksInConfigFilesNeedEitherSetting() throws Exception {
        Map<String, Object> raw = json("{'script':'true','interval':'10s'}");

        assertThatThrownBy(() -> CheckDefinitions.parse(raw, ParseContext.configFile(false, false)))
                .hasMessage("Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or "
                        + "'enable_local_script_checks' to true");
        assertThat(CheckDefinitions.parse(raw, ParseContext.configFile(false, true)))
                .isInstanceOf(CheckDefinition.Script.class);
        assertThat(CheckDefinitions.parse(raw, ParseContext.configFile(true, false)))
                .isInstanceOf(CheckDefinition.Script.class);
    }

    @Test
    void dockerChecksAreScriptsToo() throws Exception {
        assertThatThrownBy(() -> CheckDefinitions.parse(
                json("{'DockerContainerID':'abc','Args':['x'],'Interval':'10s'}"), API))
                .isInstanceOfSatisfying(CheckDefinitionException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.SCRIPTS_DISABLED));
    }
}
