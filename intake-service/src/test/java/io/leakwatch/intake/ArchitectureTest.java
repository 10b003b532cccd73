package io.leakwatch.intake;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.leakwatch.testing.ArchitectureRules;

@AnalyzeClasses(packages = "io.leakwatch.intake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfRestAndPersistence = ArchitectureRules.DOMAIN_IS_FREE_OF_REST_AND_PERSISTENCE;
}
