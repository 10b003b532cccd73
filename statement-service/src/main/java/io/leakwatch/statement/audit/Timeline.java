package io.leakwatch.statement.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An incident's history in plain words, for analysts: one short sentence per event type, written here and never taken
 * from the event, so no name, number or free text of a report, a sample or a person reaches it. Statement events add
 * their version number, which is not personal.
 */
public final class Timeline {

    private Timeline() {}

    /** One event as a sentence. */
    public record Item(Instant time, String type, String topic, long seq, String text) {}

    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("IncidentReported", "A claim that data were leaked was reported."),
            Map.entry("IncidentTriaged", "The incident was triaged."),
            Map.entry("AwarenessRecorded", "The moment the organisation became aware was recorded."),
            Map.entry("SightingRecorded", "The claim was seen again."),
            Map.entry("ObservableAdded", "An observable was added to the incident."),
            Map.entry("TakedownStateChanged", "A takedown request changed its state."),
            Map.entry("SampleSubmitted", "A sample of the offered data was submitted."),
            Map.entry("IncidentUnderVerification", "The incident went under verification."),
            Map.entry("VerificationOpened", "Matching got ready to verify a sample."),
            Map.entry("VerificationStarted", "The verification of a sample started."),
            Map.entry("VerificationCompleted", "The verification of a sample was completed."),
            Map.entry("VerificationFailed", "The verification of a sample failed."),
            Map.entry("IncidentVerified", "The incident was marked as verified."),
            Map.entry("NotificationRecorded", "A notice to an authority or to the people concerned was recorded."),
            Map.entry("NotificationDeadlineApproaching", "A notification deadline is approaching."),
            Map.entry("NotificationDeadlineMissed", "A notification deadline was missed."),
            Map.entry("IncidentNotified", "Every required notice has gone out."),
            Map.entry("IncidentClosed", "The incident was closed."),
            Map.entry("IncidentDismissed", "The incident was dismissed."),
            Map.entry("StatementDrafted", "Version %d of the statement was drafted from the facts."),
            Map.entry("StatementEdited", "Version %d of the statement was written by an edit."),
            Map.entry("StatementApproved", "Version %d of the statement was approved."),
            Map.entry("StatementPublished", "Version %d of the statement was published."),
            Map.entry("StatementWithdrawn", "Version %d of the statement was withdrawn."));

    /** The entries of a trail as sentences, newest first (by the event's time, then by the trail's order). */
    public static List<Item> of(List<AuditTrail.Entry> entries) {
        return entries.stream()
                .map(Timeline::item)
                .sorted(Comparator.comparing(Item::time)
                        .thenComparingLong(Item::seq)
                        .reversed())
                .toList();
    }

    static Item item(AuditTrail.Entry entry) {
        String name = entry.type().substring(entry.type().lastIndexOf('.') + 1);
        String sentence = SENTENCES.get(name);
        String text;
        if (sentence == null) {
            text = "An event of type " + name + " was recorded.";
        } else if (sentence.contains("%d")) {
            JsonNode version =
                    CanonicalJson.tree(entry.canonical()).path("data").path("version");
            text = String.format(sentence, version.asInt());
        } else {
            text = sentence;
        }
        return new Item(entry.time(), name, entry.topic(), entry.seq(), text);
    }
}
