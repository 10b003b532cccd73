package io.leakwatch.statement.drafting;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Folds events into their incidents' facts in order: what the drafting does, and a replay does again. */
public final class FactsFold {

    private FactsFold() {}

    /**
     * Folds each item's event into its incident's facts in {@code known} (which must hold every incident the events
     * concern), telling {@code onChange} of each item whose event changed them, with the facts after it.
     *
     * @return the facts that changed, as they ended up
     */
    public static <T> Collection<IncidentFacts> fold(
            Map<String, IncidentFacts> known,
            List<T> items,
            Function<T, CloudEvent<IntegrationEvent>> eventOf,
            BiConsumer<T, IncidentFacts> onChange) {
        Map<String, IncidentFacts> changed = new LinkedHashMap<>();
        for (T item : items) {
            CloudEvent<IntegrationEvent> event = eventOf.apply(item);
            IncidentFacts before = known.get(event.subject());
            IncidentFacts after = before.with(event.data());
            if (!after.equals(before)) {
                known.put(event.subject(), after);
                changed.put(event.subject(), after);
                onChange.accept(item, after);
            }
        }
        return changed.values();
    }
}
