package io.leakwatch.statement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A version of a statement, read reactively; written only by {@code StatementVersionProjection}. */
@Entity
@Table(name = "statement_version")
public class StatementVersionEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "incident_id")
    public String incidentId;

    public int version;

    public String status;

    @Column(name = "caused_by")
    public String causedBy;

    @Column(name = "text_id")
    public String textId;

    @Column(name = "text_en")
    public String textEn;

    @Column(name = "drafted_at")
    public Instant draftedAt;

    public static Uni<StatementVersionEntity> latest(String incidentId) {
        return find("incidentId = ?1 order by version desc", incidentId).firstResult();
    }
}
