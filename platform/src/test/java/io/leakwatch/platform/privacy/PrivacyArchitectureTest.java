package io.leakwatch.platform.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.leakwatch.platform.privacy", importOptions = ImportOption.DoNotIncludeTests.class)
class PrivacyArchitectureTest {

    /** Plain Java and JDK crypto: unit-testable without Quarkus, usable from a command-line generator. */
    @ArchTest
    static final ArchRule privacyDependsOnTheJdkOnly = classes()
            .that()
            .resideInAPackage("io.leakwatch.platform.privacy..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", "io.leakwatch.platform.privacy..");

    /** Nothing here logs: a log line is where plaintext escapes first. */
    @ArchTest
    static final ArchRule privacyDoesNotPrint = noClasses()
            .that()
            .resideInAPackage("io.leakwatch.platform.privacy..")
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err");
}
