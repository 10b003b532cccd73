package io.leakwatch.e2e.fault;

import io.leakwatch.contracts.Topics;
import io.leakwatch.e2e.fault.Api.Answer;
import io.leakwatch.e2e.fault.TopicEvents.Event;
import io.leakwatch.testing.FreshDatabase;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds the stores, the topics and the projections to what the load generator asked for and the services confirmed.
 * <b>Lost</b>: something that should be there and is not (an accepted request without its event, a stored event not on
 * its topic, a topic event not in the audit trail, a projection behind its store, an incident short of the state its
 * inputs call for). <b>Duplicated</b>: something there more than once (an event id twice in a projection, a fact
 * recorded twice, an incident nobody reported). Records a topic carries twice under one event id are counted apart:
 * the forwarder re-sends after a crash by design and every consumer dedupes by the id.
 */
final class FaultRunCheck {

    private final Api api;
    private final String intake;
    private final String matching;
    private final String statement;
    private final String bootstrapServers;
    private final Map<String, FreshDatabase> stores;
    private final FreshDatabase statementDb;
    private final FreshDatabase intakeDb;
    private final List<Filed> ledger;
    private final Map<SyntheticData.Template, Map<String, Object>> reference;
    /** Samples whose upload failed after some chunks were sent: collected by matching, never submitted. */
    final List<String> orphanChunkSets = new ArrayList<>();

    /** @param stores each event topic's publishing service's database */
    FaultRunCheck(
            Api api,
            String intakeUrl,
            String matchingUrl,
            String statementUrl,
            String bootstrapServers,
            Map<String, FreshDatabase> stores,
            List<Filed> ledger,
            Map<SyntheticData.Template, Map<String, Object>> reference) {
        this.api = api;
        this.intake = intakeUrl;
        this.matching = matchingUrl;
        this.statement = statementUrl;
        this.bootstrapServers = bootstrapServers;
        this.stores = stores;
        this.intakeDb = stores.get(Topics.INCIDENT_EVENTS);
        this.statementDb = stores.get(Topics.STATEMENT_EVENTS);
        this.ledger = ledger;
        this.reference = reference;
    }

    /** The figures of one check. */
    record Report(
            long requestsSent,
            long accepted,
            long eventsStored,
            long eventsOnTopics,
            long recordsResent,
            long eventsProjected,
            List<String> lost,
            List<String> duplicated) {

        String figures() {
            return String.format(
                    "requests sent %d, accepted %d, events stored %d, events on topics %d (records re-sent under an"
                            + " id already sent: %d), events projected %d, lost %d, duplicated %d",
                    requestsSent,
                    accepted,
                    eventsStored,
                    eventsOnTopics,
                    recordsResent,
                    eventsProjected,
                    lost.size(),
                    duplicated.size());
        }
    }

    Report run() throws SQLException {
        orphanChunkSets.clear();
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        Map<String, List<Event>> topics = new LinkedHashMap<>();
        for (String topic : Topics.EVENT_TOPICS) {
            topics.put(topic, TopicEvents.readAll(bootstrapServers, topic));
        }
        Map<String, Event> byId = new HashMap<>();
        long resent = 0;
        long stored = 0;
        for (var topic : topics.entrySet()) {
            Set<String> onTopic = new HashSet<>();
            for (Event event : topic.getValue()) {
                if (!onTopic.add(event.id())) {
                    resent++;
                }
                byId.put(event.id(), event);
            }
            Map<String, String> inStore = storedEvents(stores.get(topic.getKey()));
            stored += inStore.size();
            inStore.forEach((id, type) -> {
                if (!onTopic.contains(id)) {
                    lost.add(type + " " + id + " is in its service's store but not on " + topic.getKey());
                }
            });
            onTopic.stream()
                    .filter(id -> !inStore.containsKey(id))
                    .forEach(id -> duplicated.add(
                            "event " + id + " on " + topic.getKey() + " is in no store (sent twice as two events?)"));
        }
        long projected = auditTrail(byId, lost, duplicated);
        summariesFollowTheStore(lost);
        oneFactOnce(byId.values(), duplicated);
        for (Filed filed : ledger) {
            acceptedIsStored(filed, byId.values(), lost);
            finalState(filed, byId.values(), lost, duplicated);
        }
        long accepted = ledger.stream().mapToLong(Filed::accepted).sum();
        return new Report(api.sent.get(), accepted, stored, byId.size(), resent, projected, lost, duplicated);
    }

    /** Integration events (those the forwarder sends) by id, with their type. */
    private static Map<String, String> storedEvents(FreshDatabase database) throws SQLException {
        Map<String, String> events = new HashMap<>();
        try (Connection connection = database.connect();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT eventidentifier, payloadtype FROM domainevententry"
                        + " WHERE payloadtype LIKE 'io.leakwatch.contracts.%'")) {
            while (rows.next()) {
                String type = rows.getString(2);
                events.put(rows.getString(1), type.substring(type.lastIndexOf('.') + 1));
            }
        }
        return events;
    }

    /** statement-service's audit trail: every event of the three topics once, in the trail of its incident. */
    private long auditTrail(Map<String, Event> onTopics, List<String> lost, List<String> duplicated)
            throws SQLException {
        Map<String, Integer> entries = new HashMap<>();
        try (Connection connection = statementDb.connect();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT incident_id, event_id FROM audit_entry")) {
            while (rows.next()) {
                entries.merge(rows.getString(2), 1, Integer::sum);
                Event event = onTopics.get(rows.getString(2));
                if (event != null && !event.incidentId().equals(rows.getString(1))) {
                    duplicated.add("event " + event.id() + " is in the trail of another incident");
                }
            }
        }
        entries.forEach((id, count) -> {
            if (count > 1) {
                duplicated.add("event " + id + " is " + count + " times in the audit trail");
            }
            if (!onTopics.containsKey(id)) {
                duplicated.add("audit entry " + id + " is on no topic");
            }
        });
        onTopics.keySet().stream()
                .filter(id -> !entries.containsKey(id))
                .forEach(id -> lost.add(onTopics.get(id).type() + " " + id + " is on its topic but not in the trail"));
        return entries.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** intake-service's incident_summary has taken every integration event of its incident. */
    private void summariesFollowTheStore(List<String> lost) throws SQLException {
        try (Connection connection = intakeDb.connect();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("""
                        SELECT e.aggregateidentifier, max(e.sequencenumber), s.version
                        FROM domainevententry e LEFT JOIN incident_summary s ON s.incident_id = e.aggregateidentifier
                        WHERE e.payloadtype LIKE 'io.leakwatch.contracts.%'
                        GROUP BY e.aggregateidentifier, s.version""")) {
            while (rows.next()) {
                long version = rows.getLong(3);
                if (rows.wasNull() || version != rows.getLong(2)) {
                    lost.add("incident_summary of " + rows.getString(1) + " stands at version "
                            + (version == 0 ? "none" : version) + ", its store at " + rows.getLong(2));
                }
            }
        }
    }

    /** Facts that happen once: two events for one of them mean a request or a record was handled twice. */
    private void oneFactOnce(java.util.Collection<Event> events, List<String> duplicated) {
        Set<String> reported = ledger.stream().map(f -> f.incidentId).collect(Collectors.toSet());
        once(events, "IncidentReported", Event::incidentId, duplicated);
        once(events, "IncidentTriaged", Event::incidentId, duplicated);
        once(events, "SampleSubmitted", Event::incidentId, duplicated);
        once(events, "IncidentVerified", e -> e.data("sampleId"), duplicated);
        once(events, "VerificationOpened", Event::incidentId, duplicated);
        once(events, "VerificationStarted", e -> e.data("sampleId"), duplicated);
        once(events, "VerificationCompleted", e -> e.data("sampleId"), duplicated);
        once(events, "StatementApproved", e -> e.incidentId() + " v" + e.data("version"), duplicated);
        once(events, "StatementPublished", e -> e.incidentId() + " v" + e.data("version"), duplicated);
        events.stream()
                .filter(e -> e.type().equals("IncidentReported") && !reported.contains(e.incidentId()))
                .forEach(e -> duplicated.add("incident " + e.incidentId() + " was reported by nobody's request"));
    }

    private static void once(
            java.util.Collection<Event> events, String type, Function<Event, String> key, List<String> duplicated) {
        events.stream()
                .filter(e -> e.type().equals(type))
                .collect(Collectors.groupingBy(key, Collectors.counting()))
                .forEach((which, count) -> {
                    if (count > 1) {
                        duplicated.add(type + " " + count + " times for " + which);
                    }
                });
    }

    /** Every confirmed request has its event, and no decision is there that nobody confirmed. */
    private static void acceptedIsStored(Filed filed, java.util.Collection<Event> events, List<String> lost) {
        List<Event> mine = events.stream()
                .filter(e -> e.incidentId().equals(filed.incidentId))
                .toList();
        expect(mine, "IncidentReported", e -> true, filed + ": report", lost);
        if (filed.triaged) {
            expect(mine, "IncidentTriaged", e -> filed.severity.equals(e.data("severity")), filed + ": triage", lost);
        }
        if (filed.sampleId != null) {
            expect(mine, "SampleSubmitted", e -> filed.sampleId.equals(e.data("sampleId")), filed + ": sample", lost);
        }
        for (int version : filed.approved) {
            expect(
                    mine,
                    "StatementApproved",
                    e -> e.data("version").equals(String.valueOf(version)),
                    filed + ": approval of version " + version,
                    lost);
        }
        for (int version : filed.published) {
            expect(
                    mine,
                    "StatementPublished",
                    e -> e.data("version").equals(String.valueOf(version)),
                    filed + ": publication of version " + version,
                    lost);
        }
    }

    private static void expect(
            List<Event> events,
            String type,
            java.util.function.Predicate<Event> matching,
            String what,
            List<String> lost) {
        if (events.stream().noneMatch(e -> e.type().equals(type) && matching.test(e))) {
            lost.add(what + " was accepted but no " + type + " is on the topics");
        }
    }

    /**
     * The state the incident's inputs call for, in each service: verified with its template's verdict and the triage
     * sent; one verification, equal to the undisturbed reference; a valid audit chain holding every event of the
     * incident; the version the generator published as the public one.
     */
    private void finalState(
            Filed filed, java.util.Collection<Event> events, List<String> lost, List<String> duplicated) {
        JsonPath incident = read(intake + "/api/v1/incidents/" + filed.incidentId, "analyst");
        if (!"VERIFIED".equals(incident.getString("status"))
                || !filed.template.verdict.equals(incident.getString("verdict"))
                || !filed.severity.equals(incident.getString("triage.severity"))) {
            lost.add(filed + ": intake says " + incident.getString("status") + " / " + incident.getString("verdict")
                    + " / " + incident.getString("triage.severity") + ", wanted VERIFIED / " + filed.template.verdict
                    + " / " + filed.severity);
        }
        int samples = incident.getList("samples").size();
        if (samples != 1) {
            duplicated.add(filed + ": intake holds " + samples + " samples, one was sent");
        }
        List<Map<String, Object>> verifications = read(
                        matching + "/api/v1/verifications?incidentId=" + filed.incidentId, "analyst")
                .getList("$");
        List<Map<String, Object>> ofTheSample = verifications.stream()
                .filter(v -> filed.sampleId.equals(v.get("sampleId")))
                .toList();
        if (ofTheSample.size() != 1) {
            lost.add(filed + ": matching holds no verification of sample " + filed.sampleId);
        } else if (!Objects.equals(comparable(ofTheSample.get(0)), reference.get(filed.template))) {
            lost.add(filed + ": verification differs from the undisturbed run: " + comparable(ofTheSample.get(0))
                    + " vs " + reference.get(filed.template));
        }
        for (Map<String, Object> other : verifications) {
            if (filed.sampleId.equals(other.get("sampleId"))) {
                continue;
            }
            // Chunks of an upload that failed before its SampleSubmitted (intake or the broker killed mid-upload):
            // matching collects them and drops them after its orphan-chunk timeout; never a verdict. The API shows
            // such a set as RUNNING without a start (no VerificationStarted) and without a chunk count.
            if ("RUNNING".equals(other.get("status"))
                    && other.get("startedAt") == null
                    && other.get("progress") instanceof Map<?, ?> progress
                    && progress.get("chunksExpected") == null) {
                orphanChunkSets.add(filed + " " + other.get("sampleId"));
            } else {
                duplicated.add(filed + ": matching holds a second verification " + other);
            }
        }
        JsonPath chain = read(statement + "/api/v1/audit/incidents/" + filed.incidentId + "/trail/verify", "auditor");
        long expectedEntries = events.stream()
                .filter(e -> e.incidentId().equals(filed.incidentId))
                .count();
        if (!chain.getBoolean("valid") || chain.getLong("entries") != expectedEntries) {
            lost.add(filed + ": audit chain valid=" + chain.getBoolean("valid") + " with " + chain.getLong("entries")
                    + " entries, " + expectedEntries + " events on the topics");
        }
        JsonPath versions = read(statement + "/api/v1/incidents/" + filed.incidentId + "/statements", "comms");
        int latest = versions.getList("version", Integer.class).stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        Integer published = filed.published.isEmpty() ? null : filed.published.get(filed.published.size() - 1);
        if (published == null
                || latest != published
                || !"PUBLISHED".equals(versions.getString("find { it.version == " + latest + " }.status"))) {
            lost.add(filed + ": latest statement version " + latest + " is "
                    + versions.getString("find { it.version == " + latest + " }.status") + ", published " + published);
        }
    }

    /** A verification's result without what differs between two runs of the same file (ids, times). */
    static Map<String, Object> comparable(Map<String, Object> verification) {
        Map<String, Object> result = new LinkedHashMap<>(verification);
        for (String varying : List.of("sampleId", "incidentId", "startedAt", "finishedAt")) {
            result.remove(varying);
        }
        return result;
    }

    private JsonPath read(String url, String role) {
        Answer answer = api.get(url, role);
        if (!answer.ok()) {
            throw new AssertionError("GET " + url + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }
}
