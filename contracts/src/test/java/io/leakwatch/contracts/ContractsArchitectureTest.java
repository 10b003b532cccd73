package io.leakwatch.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.leakwatch.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTest {

    /** A consumer that depends on contracts must never pull in Axon, Jackson or Quarkus. */
    @ArchTest
    static final ArchRule contractsDependOnJavaOnly = classes()
            .that()
            .resideInAPackage("io.leakwatch.contracts..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.leakwatch.contracts..");
}
