package io.leakwatch.intake.rest;

import io.leakwatch.platform.axon.ExpectedVersionTargetResolver;
import io.leakwatch.platform.rest.Problem;
import io.leakwatch.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Sends an incident command on behalf of an HTTP caller, holding it to the version in the caller's {@code If-Match}
 * when there is one: a caller who saw an older version gets 412 and changes nothing.
 */
@ApplicationScoped
class IncidentCommands {

    private static final Pattern ENTITY_TAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private final CommandGateway commands;

    IncidentCommands(CommandGateway commands) {
        this.commands = commands;
    }

    void send(Object command, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            commands.sendAndWait(command);
            return;
        }
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(ExpectedVersionTargetResolver.EXPECTED_VERSION, expectedVersion(ifMatch))));
    }

    private static long expectedVersion(String ifMatch) {
        Matcher tag = ENTITY_TAG.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw new ProblemException(Problem.of(
                    412, "If-Match must be one entity tag of this incident, such as \"3\" (from its ETag)."));
        }
        return Long.parseLong(tag.group(1));
    }
}
