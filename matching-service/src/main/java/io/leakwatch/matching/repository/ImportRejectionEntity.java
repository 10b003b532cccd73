package io.leakwatch.matching.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** A rejected line of an import: the line number and the reason, never the value. */
@Entity
@Table(name = "registry_import_rejection")
@IdClass(ImportRejectionEntity.Key.class)
public class ImportRejectionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "import_id")
    public UUID importId;

    @Id
    public long line;

    public String reason;

    public static Uni<List<ImportRejectionEntity>> of(UUID importId, int limit) {
        return find("importId = ?1 order by line", importId).page(0, limit).list();
    }

    /** The primary key: import and line. */
    public static class Key implements Serializable {
        public UUID importId;
        public long line;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && line == key.line && java.util.Objects.equals(importId, key.importId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(importId, line);
        }
    }
}
