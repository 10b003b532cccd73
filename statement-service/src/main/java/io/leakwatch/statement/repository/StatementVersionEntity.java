package io.leakwatch.statement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A version of a statement, read reactively; written only by {@code StatementVersionProjection}. */
@Entity
@Table(name = "statement_version")
public class StatementVersionEntity extends PanacheEntityBase {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    public Long id;

    @Column(name = "incident_id")
    public String incidentId;

    public int version;

    public String status;

    @Column(name = "caused_by")
    public String causedBy;

    @Column(name = "based_on")
    public Integer basedOn;

    public String author;

    @Column(name = "text_id")
    public String textId;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "drafted_at")
    public Instant draftedAt;

    /** Required elements the version lacks, comma separated; empty when it may be approved. */
    @Column(name = "missing_elements")
    public String missingElements;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawal_reason")
    public String withdrawalReason;

    public static Uni<StatementVersionEntity> latest(String incidentId) {
        return find("incidentId = ?1 order by version desc", incidentId).firstResult();
    }

    public static Uni<StatementVersionEntity> version(String incidentId, int version) {
        return find("incidentId = ?1 and version = ?2", incidentId, version).firstResult();
    }

    public static Uni<List<StatementVersionEntity>> versions(String incidentId) {
        return list("incidentId = ?1 order by version", incidentId);
    }

    /** What the public has seen of one incident: published and withdrawn versions, newest first. */
    public static Uni<List<StatementVersionEntity>> publicHistory(String incidentId) {
        return list("incidentId = ?1 and status in (?2, ?3) order by version desc", incidentId, PUBLISHED, WITHDRAWN);
    }

    /** What the public has seen of every incident, newest first within an incident. */
    public static Uni<List<StatementVersionEntity>> allPublicHistory() {
        return list("status in (?1, ?2) order by incidentId, version desc", PUBLISHED, WITHDRAWN);
    }
}
