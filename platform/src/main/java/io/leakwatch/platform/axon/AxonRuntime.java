package io.leakwatch.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.tracing.TraceContext;
import io.leakwatch.platform.tracing.TraceContextDispatchInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jboss.logging.Logger;

/**
 * Axon 4 wired by hand into Quarkus: the JDBC event store and token store on the service's own database (the tables
 * come from the Flyway migration in {@code db/platform}), Jackson as the only serializer, Quarkus' JTA transactions, and
 * every {@link AxonModule} bean of the service. No Axon Server and no update checker.
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

    /** PostgreSQL's unique_violation: a concurrent append of the same aggregate sequence number. */
    private static final String DUPLICATE_KEY = "23505";

    /**
     * Events a tracking processor handles per transaction unless it says otherwise. Axon's default, one, costs a commit
     * (a token update and an fsync) per event: a rebuild from the store ran at about 0.001x of a COPY of the table
     * (docs/BENCHMARKS.md, Replay). A batch takes only what is there, so a processor that keeps up still handles each
     * event as soon as it is appended.
     */
    static final int PROCESSOR_BATCH_SIZE = 1000;

    /**
     * Events one query of the store fetches for a tracking processor (Axon's default: 100). A fresh processor reading
     * history ran ~15% faster at 1,000 on a quiet box (docs/BENCHMARKS.md, Replay); it matches the batch above.
     */
    static final int EVENT_FETCH_SIZE = 1000;

    /** How often due deadlines are looked for: a deadline fires at most this late. */
    private static final Duration DEADLINE_POLLING = Duration.ofSeconds(1);

    private final AgroalDataSource dataSource;
    private final jakarta.transaction.TransactionManager jta;
    private final Instance<AxonModule> modules;
    private Configuration configuration;
    private boolean stopped;

    AxonRuntime(AgroalDataSource dataSource, jakarta.transaction.TransactionManager jta, Instance<AxonModule> modules) {
        this.dataSource = dataSource;
        this.jta = jta;
        this.modules = modules;
    }

    /** Starts Axon before the messaging connectors start delivering records that send commands. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        configuration();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (configuration != null) {
            configuration.shutdown();
            configuration = null;
        }
    }

    /** The running configuration; started on first use, so a bean that needs it early never sees it half-built. */
    public synchronized Configuration configuration() {
        if (stopped) {
            throw new IllegalStateException("Axon has been shut down with the application");
        }
        if (configuration == null) {
            Configuration built = build();
            // Axon makes components on first use: without this, the deadline scheduler would only start with the
            // first command that schedules something, and deadlines persisted before a restart would never fire.
            built.getComponent(DeadlineManager.class);
            built.start();
            // Only now: a deadline that came due while the service was down fires at the first poll, and fired
            // during Axon's start it could find no aggregate to deliver to, which drops it without a word.
            built.getComponent(Scheduler.class).start();
            configuration = built;
            LOG.info("Axon started on the service's PostgreSQL event store");
        }
        return configuration;
    }

    /**
     * Deadlines kept in the service's database (db-scheduler's {@code scheduled_tasks}), so that a clock started
     * before a restart still fires after it; a deadline scheduled in a command's transaction commits with its events.
     */
    private static DeadlineManager persistentDeadlines(
            Configuration configuration, Serializer serializer, TransactionManager transactions) {
        DbSchedulerDeadlineManager deadlines = DbSchedulerDeadlineManager.builder()
                .scheduler(configuration.getComponent(Scheduler.class))
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactions)
                .useBinaryPojo(false)
                // Started by configuration() once Axon is up, not in Axon's own start phases (see there).
                .startScheduler(false)
                .stopScheduler(true)
                .build();
        configuration.getComponent(DbSchedulerDeadlineManagerSupplier.class).set(deadlines);
        return deadlines;
    }

    /**
     * Axon's default (correlation and trace ids) plus the W3C trace context, so that the events a command applies carry
     * the trace of the request or record that sent it (see KafkaForwarder). On the command bus only: an event handler
     * that sends a command or schedules a deadline would need it on its processor too
     * ({@code registerHandlerInterceptor}), and none does.
     */
    private static CorrelationDataInterceptor<CommandMessage<?>> commandCorrelation() {
        return new CorrelationDataInterceptor<>(
                new MessageOriginProvider(),
                new SimpleCorrelationDataProvider(TraceContext.TRACEPARENT, TraceContext.TRACESTATE));
    }

    /** db-scheduler over the service's database, running the deadlines of the manager the supplier will hold. */
    private static Scheduler deadlineScheduler(
            AgroalDataSource dataSource, DbSchedulerDeadlineManagerSupplier deadlines) {
        return Scheduler.create(dataSource, DbSchedulerDeadlineManager.humanReadableTask(deadlines))
                .pollingInterval(DEADLINE_POLLING)
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(5))
                // A deadline picked up by an instance that died is taken over after a few missed heartbeats.
                .heartbeatInterval(Duration.ofSeconds(5))
                .build();
    }

    private Configuration build() {
        Configurer configurer = configurer(dataSource, jta);
        modules.forEach(module -> module.configure(configurer));
        Configuration built = configurer.buildConfiguration();
        built.commandBus().registerDispatchInterceptor(new TraceContextDispatchInterceptor());
        return built;
    }

    /**
     * Everything but the service's own {@link AxonModule}s. Package-visible so that the benchmarks (bench module) wire
     * Axon exactly as the services do, on a standalone Narayana and Agroal, instead of a copy that could drift.
     */
    static Configurer configurer(AgroalDataSource dataSource, jakarta.transaction.TransactionManager jta) {
        Serializer serializer = new CachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(AxonJson.mapper())
                .classLoader(Thread.currentThread().getContextClassLoader()));
        TransactionManager transactions = new JtaTransactionManager(jta);
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .registerComponent(CommandTargetResolver.class, c -> new ExpectedVersionTargetResolver())
                // Note: none for the event processors, which Axon gives the configuration's providers: no processor
                // here sends a message, yet each handled event paid for deserialising its metadata (the unit of work's
                // result message asks for its correlation data), 15-19% of a replay (docs/BENCHMARKS.md, Replay).
                // Commands keep theirs: see commandCorrelation below.
                .configureCorrelationDataProviders(c -> List.of())
                .configureEmbeddedEventStore(
                        c -> new FastTimestampJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                                .connectionProvider(dataSource::getConnection)
                                .transactionManager(transactions)
                                .eventSerializer(serializer)
                                .snapshotSerializer(serializer)
                                .persistenceExceptionResolver(new SQLStateResolver(DUPLICATE_KEY))
                                .upcasterChain(c.upcasterChain())
                                .batchSize(EVENT_FETCH_SIZE)));
        configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(PROCESSOR_BATCH_SIZE))
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(dataSource::getConnection)
                        .serializer(serializer)
                        .build())
                // Note: Axon's default logs a failing handler and moves the token on, which would lose the event
                // for that handler. Propagating makes the processor retry the batch instead.
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        configurer.onInitialize(config -> config.onStart(
                Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                () -> config.commandBus().registerHandlerInterceptor(commandCorrelation())));
        configurer.registerComponent(
                DbSchedulerDeadlineManagerSupplier.class, c -> new DbSchedulerDeadlineManagerSupplier());
        configurer.registerComponent(
                Scheduler.class,
                c -> deadlineScheduler(dataSource, c.getComponent(DbSchedulerDeadlineManagerSupplier.class)));
        configurer.registerComponent(DeadlineManager.class, c -> persistentDeadlines(c, serializer, transactions));
        return configurer;
    }
}
