package io.leakwatch.e2e.fault;

import io.leakwatch.e2e.fault.SyntheticData.Template;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the load generator asked for one incident and what the services confirmed: the ground truth the checker holds
 * the stores, topics and projections to.
 */
final class Filed {

    final int number;
    final Template template;
    final String severity;
    volatile String incidentId;
    volatile boolean triaged;
    volatile String sampleId;
    volatile boolean decided;
    /** Statement versions whose approval (publication) a service confirmed, in order. */
    final List<Integer> approved = new CopyOnWriteArrayList<>();

    final List<Integer> published = new CopyOnWriteArrayList<>();
    final Set<Integer> approvalsSent = ConcurrentHashMap.newKeySet();
    final Set<Integer> publicationsSent = ConcurrentHashMap.newKeySet();

    Filed(int number, Template template, String severity) {
        this.number = number;
        this.template = template;
        this.severity = severity;
    }

    /** Operations the services confirmed: the report, the triage, the sample, each approval and publication. */
    int accepted() {
        return (incidentId != null ? 1 : 0)
                + (triaged ? 1 : 0)
                + (sampleId != null ? 1 : 0)
                + approved.size()
                + published.size();
    }

    @Override
    public String toString() {
        return "incident #" + number + " " + incidentId + " (" + template + ")";
    }
}
