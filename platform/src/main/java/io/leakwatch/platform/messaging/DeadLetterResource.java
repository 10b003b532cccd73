package io.leakwatch.platform.messaging;

import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The dead letters of every service ({@code leakwatch.dead-letters} is shared), and their replay to their source topic
 * once the cause is fixed. For auditors, who start replays (DESIGN.md). Kafka reads on a worker thread.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class DeadLetterResource {

    private final DeadLetterReplay replay;

    DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    /** What a replay request chooses; at least one field. */
    public record ReplayRequest(
            String key,
            String sourceTopic,
            @PositiveOrZero Integer partition,
            @PositiveOrZero Long offset) {}

    /** What was put back, to be checked against the consumers' metrics and logs. */
    public record ReplayResult(int replayed, List<DeadLetterReplay.DeadLetter> deadLetters) {}

    @GET
    public List<DeadLetterReplay.DeadLetter> list(
            @QueryParam("key") String key, @QueryParam("sourceTopic") String sourceTopic) {
        return replay.list(new DeadLetterReplay.Selection(key, sourceTopic, null, null));
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayResult replay(@Valid ReplayRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("Say which dead letters to replay: key, sourceTopic, partition, offset");
        }
        DeadLetterReplay.Selection selection = new DeadLetterReplay.Selection(
                request.key(), request.sourceTopic(), request.partition(), request.offset());
        if (selection.isEmpty()) {
            throw ProblemException.badRequest(
                    "Say which dead letters to replay: at least one of key, sourceTopic, partition, offset");
        }
        if ((request.partition() == null) != (request.offset() == null)) {
            throw ProblemException.badRequest("partition and offset name one dead letter together: give both");
        }
        List<DeadLetterReplay.DeadLetter> replayed = replay.replay(selection);
        return new ReplayResult(replayed.size(), replayed);
    }
}
