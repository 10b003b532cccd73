package io.leakwatch.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds a command's aggregate by its {@code @TargetAggregateIdentifier}, and the version the sender expects it at in
 * the command's metadata ({@link #EXPECTED_VERSION}) rather than in the command itself: optimistic concurrency is a
 * concern of the HTTP caller ({@code If-Match}), not of the command's meaning. A command sent with an expected version
 * older than the aggregate's fails with Axon's {@code ConflictingModificationException} and records nothing.
 */
public final class ExpectedVersionTargetResolver implements CommandTargetResolver {

    /** The metadata key carrying the aggregate version (sequence number of its last event) the sender saw. */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final CommandTargetResolver annotations =
            AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = annotations.resolveTarget(command);
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        if (expected instanceof Number version) {
            return new VersionedAggregateIdentifier(target.getIdentifierValue(), version.longValue());
        }
        return target;
    }
}
