package io.leakwatch.statement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.leakwatch.statement.audit.AuditChain;
import io.leakwatch.statement.audit.TrailVerifier;
import io.leakwatch.testing.ArchitectureRules;

@AnalyzeClasses(packages = "io.leakwatch.statement", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfRestAndPersistence = ArchitectureRules.DOMAIN_IS_FREE_OF_REST_AND_PERSISTENCE;

    /** The offline verifier runs with {@code java -cp} and nothing else on the class path. */
    @ArchTest
    static final ArchRule offlineVerifierNeedsOnlyTheJdk = classes()
            .that()
            .belongToAnyOf(TrailVerifier.class, AuditChain.class)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.leakwatch.statement.audit..");
}
