package io.leakwatch.matching.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registry import's progress, read reactively; written by {@code RegistryImporter} over JDBC as rows stream in. */
@Entity
@Table(name = "registry_import")
public class RegistryImportEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String status;

    public long generation;

    @Column(name = "rows_read")
    public long rowsRead;

    @Column(name = "rows_rejected")
    public long rowsRejected;

    public String failure;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static Uni<List<RegistryImportEntity>> latest(int limit) {
        return find("order by startedAt desc").page(0, limit).list();
    }
}
