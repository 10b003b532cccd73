package io.leakwatch.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The layering every service keeps; a service's architecture test names these rules. */
public final class ArchitectureRules {

    /** Aggregates, commands and policies know nothing of HTTP, SQL, Vert.x or Quarkus. */
    public static final ArchRule DOMAIN_IS_FREE_OF_REST_AND_PERSISTENCE = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "jakarta.ws.rs..",
                    "java.sql..",
                    "javax.sql..",
                    "jakarta.persistence..",
                    "org.hibernate..",
                    "io.vertx..",
                    "io.quarkus..",
                    "..rest..",
                    "..repository..",
                    "..projection..");

    private ArchitectureRules() {}
}
