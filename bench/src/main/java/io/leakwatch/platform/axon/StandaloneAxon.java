package io.leakwatch.platform.axon;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.narayana.NarayanaTransactionIntegration;
import java.sql.SQLException;
import java.time.Duration;
import org.axonframework.config.Configurer;
import org.flywaydb.core.Flyway;

/**
 * Axon as the services wire it ({@link AxonRuntime#configurer}: JDBC event and token stores, Jackson, JTA), outside
 * Quarkus: Narayana started on its own and an Agroal pool enlisted in its transactions, as Quarkus' datasource is.
 * Lives in the platform's package (in the bench module) only to reach that package-visible method.
 */
public final class StandaloneAxon {

    static {
        // Narayana keeps its (here unused: one resource, one-phase commits) transaction log under the working directory
        // unless told otherwise.
        String store = System.getProperty("java.io.tmpdir") + "/leakwatch-bench-narayana";
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
    }

    private static final jakarta.transaction.TransactionManager JTA =
            com.arjuna.ats.jta.TransactionManager.transactionManager();

    private StandaloneAxon() {}

    /** Applies the platform's migrations (event store, token store, inbox, deadlines) to {@code jdbcUrl}. */
    public static void migrate(String jdbcUrl) {
        Flyway.configure()
                .dataSource(jdbcUrl, "postgres", null)
                .locations("classpath:db/platform")
                .load()
                .migrate();
    }

    /** A pool like Quarkus' datasource: auto-commit outside transactions, enlisted in the JTA transaction inside. */
    public static AgroalDataSource dataSource(String jdbcUrl, int maxSize) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(maxSize)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .transactionIntegration(
                                new NarayanaTransactionIntegration(JTA, new TransactionSynchronizationRegistryImple()))
                        .connectionFactoryConfiguration(
                                factory -> factory.jdbcUrl(jdbcUrl).principal(new NamePrincipal("postgres")))));
    }

    /** The services' Axon configuration without any service module; add aggregates and processors to it. */
    public static Configurer configurer(AgroalDataSource dataSource) {
        return AxonRuntime.configurer(dataSource, JTA);
    }

    /** Events per transaction of the services' tracking processors ({@code AxonRuntime.PROCESSOR_BATCH_SIZE}). */
    public static int processorBatchSize() {
        return AxonRuntime.PROCESSOR_BATCH_SIZE;
    }
}
