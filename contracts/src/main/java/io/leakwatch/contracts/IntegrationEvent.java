package io.leakwatch.contracts;

/**
 * An event one service publishes for the others. Every integration event belongs to exactly one incident: the incident
 * id is the Kafka key and the CloudEvents {@code subject}, so all events of an incident stay in order on one partition.
 */
public interface IntegrationEvent {

    String incidentId();
}
