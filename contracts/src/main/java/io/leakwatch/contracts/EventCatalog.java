package io.leakwatch.contracts;

import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;
import io.leakwatch.contracts.incident.NotificationDeadlineApproaching;
import io.leakwatch.contracts.incident.NotificationDeadlineMissed;
import io.leakwatch.contracts.incident.NotificationRecorded;
import io.leakwatch.contracts.incident.ObservableAdded;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.statement.StatementEdited;
import io.leakwatch.contracts.statement.StatementPublished;
import io.leakwatch.contracts.statement.StatementWithdrawn;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.contracts.verification.VerificationStarted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every integration event Leakwatch knows, so that a consumer can turn a CloudEvents {@code type} back into a class. */
public final class EventCatalog {

    private static final List<EventType> ALL = List.of(
            EventType.of(IncidentReported.class),
            EventType.of(IncidentTriaged.class),
            EventType.of(SightingRecorded.class),
            EventType.of(AwarenessRecorded.class),
            EventType.of(IncidentUnderVerification.class),
            EventType.of(IncidentVerified.class),
            EventType.of(NotificationRecorded.class),
            EventType.of(NotificationDeadlineApproaching.class),
            EventType.of(NotificationDeadlineMissed.class),
            EventType.of(IncidentNotified.class),
            EventType.of(IncidentClosed.class),
            EventType.of(IncidentDismissed.class),
            EventType.of(ObservableAdded.class),
            EventType.of(TakedownStateChanged.class),
            EventType.of(SampleSubmitted.class),
            EventType.of(VerificationOpened.class),
            EventType.of(VerificationStarted.class),
            EventType.of(VerificationCompleted.class),
            EventType.of(VerificationFailed.class),
            EventType.of(StatementDrafted.class),
            EventType.of(StatementEdited.class),
            EventType.of(StatementApproved.class),
            EventType.of(StatementPublished.class),
            EventType.of(StatementWithdrawn.class));

    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));
    private static final Map<String, EventType> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventCatalog() {}

    public static List<EventType> all() {
        return ALL;
    }

    public static EventType typeOf(Class<?> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not an integration event in the catalog");
        }
        return type;
    }

    public static Optional<EventType> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
