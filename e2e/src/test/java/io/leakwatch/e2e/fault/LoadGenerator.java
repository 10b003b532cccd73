package io.leakwatch.e2e.fault;

import io.leakwatch.e2e.fault.Api.Answer;
import io.leakwatch.e2e.fault.SyntheticData.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Files incidents (report, triage, sample) and decides their statements (approve and publish the latest version once
 * statement-service has seen the verdict), retrying whatever failed because a service or the broker was down: the
 * report with the same {@code Idempotency-Key}, the triage with a fresh {@code If-Match} after reading whether the
 * last try took effect, the sample and the statement decisions likewise after reading the state. A 4xx that no retry
 * explains fails the run.
 */
final class LoadGenerator {

    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final Api api;
    private final String intake;
    private final String statement;
    final List<Filed> ledger = new CopyOnWriteArrayList<>();

    LoadGenerator(Api api, String intakeUrl, String statementUrl) {
        this.api = api;
        this.intake = intakeUrl + "/api/v1/incidents";
        this.statement = statementUrl + "/api/v1/incidents/";
    }

    /** Reports, triages and sends a sample for a new incident; returns once each was confirmed. */
    Filed file(int number) {
        Template template = Template.values()[number % Template.values().length];
        Filed filed = new Filed(number, template, SEVERITIES[number % SEVERITIES.length]);
        ledger.add(filed);
        report(filed);
        triage(filed);
        upload(filed);
        return filed;
    }

    private void report(Filed filed) {
        String key = UUID.randomUUID().toString();
        String claim = """
                {"title":"Fault run claim %d","source":{"kind":"FORUM","url":"https://forum.example/t/%s","actor":"Kotz"},
                 "claimedRecordCount":279000000,"dataCategories":["NIK","NAME"],
                 "discoveredAt":"2021-05-20T09:00:00Z","jurisdictions":["ID"]}""".formatted(filed.number, key);
        while (true) {
            Answer answer = api.post(intake, "reporter", "application/json", claim, Map.of("Idempotency-Key", key));
            if (answer.status() == 201) {
                filed.incidentId = answer.json().getString("incidentId");
                return;
            }
            expectUnreachable(answer, filed, "report");
        }
    }

    private void triage(Filed filed) {
        String body = "{\"severity\":\"" + filed.severity + "\",\"marking\":\"TLP:AMBER\",\"owner\":\"fault-run\"}";
        while (true) {
            Answer incident = api.get(incidentUrl(filed), "analyst");
            if (incident.unreachable()) {
                pause();
                continue;
            }
            if (incident.json().get("triage") != null) {
                filed.triaged = true; // our earlier try took effect, its answer was lost
                return;
            }
            String version = "\"" + incident.json().getLong("version") + "\"";
            Answer answer = api.post(
                    incidentUrl(filed) + "/triage", "analyst", "application/json", body, Map.of("If-Match", version));
            if (answer.ok()) {
                filed.triaged = true;
                return;
            }
            if (answer.status() != 412) {
                expectUnreachable(answer, filed, "triage");
            }
        }
    }

    private void upload(Filed filed) {
        String sample = SyntheticData.sampleCsv(filed.template);
        while (true) {
            Answer incident = api.get(incidentUrl(filed), "analyst");
            if (incident.unreachable()) {
                pause();
                continue;
            }
            List<String> samples = incident.json().getList("samples.sampleId", String.class);
            if (!samples.isEmpty()) {
                filed.sampleId = samples.get(0); // our earlier try was recorded, its answer was lost
                return;
            }
            Answer answer =
                    api.post(incidentUrl(filed) + "/samples", "reporter", "text/csv; charset=UTF-8", sample, Map.of());
            if (answer.status() == 202) {
                filed.sampleId = answer.json().getString("sampleId");
                return;
            }
            expectUnreachable(answer, filed, "sample upload");
        }
    }

    /**
     * One step towards a published statement: approves the latest version once the incident's trail (and so its
     * drafter, which handles each record first) holds the verdict, then publishes it. Answers whether it is done.
     */
    boolean decide(Filed filed) {
        if (filed.decided || filed.sampleId == null) {
            return filed.decided;
        }
        Answer timeline = api.get(statement + filed.incidentId + "/timeline", "analyst");
        if (!timeline.ok()) {
            return false;
        }
        List<String> types = timeline.json().getList("type", String.class);
        if (types.stream().noneMatch(type -> type.endsWith("IncidentVerified"))
                || types.stream().noneMatch(type -> type.endsWith("VerificationCompleted"))) {
            return false;
        }
        Answer versions = api.get(statement + filed.incidentId + "/statements", "comms");
        if (!versions.ok()) {
            return false;
        }
        List<Integer> numbers = versions.json().getList("version", Integer.class);
        int latest = numbers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        String status = versions.json().getString("find { it.version == " + latest + " }.status");
        if (status.equals("PUBLISHED")) {
            confirm(filed.publicationsSent, filed.published, latest);
            confirm(filed.approvalsSent, filed.approved, latest);
            filed.decided = true;
            return true;
        }
        String url = statement + filed.incidentId + "/statements/" + latest;
        if (status.equals("APPROVED")) {
            confirm(filed.approvalsSent, filed.approved, latest);
        } else {
            filed.approvalsSent.add(latest);
            Answer approval = api.postJson(url + "/approval", "comms", "");
            if (!approval.ok()) {
                expectRetryable(approval, filed, "approval");
                return false;
            }
            filed.approved.add(latest);
        }
        filed.publicationsSent.add(latest);
        Answer publication = api.postJson(url + "/publication", "comms", "");
        if (!publication.ok()) {
            expectRetryable(publication, filed, "publication");
            return false;
        }
        filed.published.add(latest);
        filed.decided = true;
        return true;
    }

    /** A version found approved (published) counts as our decision only if we sent it and had no answer. */
    private static void confirm(java.util.Set<Integer> sent, List<Integer> confirmed, int version) {
        if (!sent.contains(version)) {
            throw new AssertionError("version " + version + " was decided although nobody asked for it");
        }
        if (!confirmed.contains(version)) {
            confirmed.add(version);
        }
    }

    private String incidentUrl(Filed filed) {
        return intake + "/" + filed.incidentId;
    }

    /** 409: a newer draft came or the state moved on; read it again next round. */
    private static void expectRetryable(Answer answer, Filed filed, String what) {
        if (answer.status() != 409) {
            expectUnreachable(answer, filed, what);
        }
    }

    private static void expectUnreachable(Answer answer, Filed filed, String what) {
        if (!answer.unreachable()) {
            throw new AssertionError(what + " of " + filed + " answered " + answer.status() + ": " + answer.body());
        }
        pause();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
