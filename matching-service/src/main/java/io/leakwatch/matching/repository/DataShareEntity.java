package io.leakwatch.matching.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A place the registry's data goes (DESIGN.md "Data shares"): its columns and the canary set seeded into it. */
@Entity
@Table(name = "data_share")
public class DataShareEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String description;

    public String recipient;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> columns;

    @Column(name = "canary_set")
    public String canarySet;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
