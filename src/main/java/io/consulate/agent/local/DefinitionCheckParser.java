package io.consulate.agent.local;

import io.consulate.agent.checks.CheckDefinition;
import io.consulate.agent.checks.CheckDefinitionException;
import io.consulate.agent.checks.CheckDefinitions;
import io.consulate.agent.checks.ParseContext;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Check;
import java.util.List;
import java.util.Map;

/**
 * The {@link CheckParser} backed by the check definitions: type inference, Consul's defaults and
 * validation (script checks only where the agent allows them), and the check's first row.
 */
public final class DefinitionCheckParser implements CheckParser {
    private final String nodeName;
    private final boolean enableScriptChecks;
    private final boolean enableLocalScriptChecks;

    public DefinitionCheckParser(String nodeName, boolean enableScriptChecks, boolean enableLocalScriptChecks) {
        this.nodeName = nodeName;
        this.enableScriptChecks = enableScriptChecks;
        this.enableLocalScriptChecks = enableLocalScriptChecks;
    }

    /** Parses a stored or submitted definition (used again when checks are scheduled). */
    public CheckDefinition definition(Map<String, Object> raw, boolean fromApi) {
        ParseContext ctx = fromApi ? ParseContext.api(enableScriptChecks, enableLocalScriptChecks)
                : ParseContext.configFile(enableScriptChecks, enableLocalScriptChecks);
        try {
            return CheckDefinitions.parse(raw, ctx);
        } catch (CheckDefinitionException e) {
            throw new HttpError(e.httpStatus(), e.httpReason());
        }
    }

    @Override
    public LocalState.LocalCheck parse(Map<String, Object> raw, String serviceId, String serviceName,
                                       String defaultId, String defaultName, boolean fromApi) {
        CheckDefinition def = definition(raw, fromApi);
        var c = def.common();
        String id = !c.id().isEmpty() ? c.id() : !defaultId.isEmpty() ? defaultId : c.name();
        if (id.isEmpty()) {
            throw HttpError.badRequest("Missing check name");
        }
        String name = !c.name().isEmpty() ? c.name() : !defaultName.isEmpty() ? defaultName : id;
        String svc = !serviceId.isEmpty() ? serviceId : c.serviceId();
        Check row = new Check(nodeName, id, name, c.status(), c.notes(), "", svc, serviceName, List.of(), def.type(),
                null, 0, 0);
        return new LocalState.LocalCheck(row, raw);
    }
}
