package io.leakwatch.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.Topics;
import io.leakwatch.e2e.ServiceProcess;
import io.leakwatch.e2e.fault.Api.Answer;
import io.leakwatch.e2e.fault.SyntheticData.Template;
import io.leakwatch.testing.FreshDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes lose nothing (issue 7, point 1). Under a steady load of incidents, samples and statement decisions, each
 * service in turn and then the Kafka broker is killed with SIGKILL at a random moment and started again; afterwards
 * {@link FaultRunCheck} holds every store, topic and projection to what was asked for and confirmed.
 *
 * <p>Knobs (system properties): {@code faultrun.rounds} (1: each of the four processes killed once; the long
 * run in docs/RELIABILITY.md uses more), {@code faultrun.filers} (2 concurrent incident filers),
 * {@code faultrun.seed} (random by default, printed), {@code faultrun.max-pause-seconds} (12: the
 * longest random wait before a kill).
 */
class FaultRunIT {

    private static final int ROUNDS = Integer.getInteger("faultrun.rounds", 1);
    private static final int FILERS = Integer.getInteger("faultrun.filers", 2);
    private static final long SEED = Long.getLong("faultrun.seed", new SecureRandom().nextLong());
    private static final int MAX_PAUSE = Integer.getInteger("faultrun.max-pause-seconds", 12);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Path DIR = Path.of("target", "fault-run");

    private static BrokerProcess broker;
    private static final Map<String, FreshDatabase> databases = new HashMap<>();
    private static final List<ServiceProcess> services = new ArrayList<>();

    @BeforeAll
    static void startTheStack() throws Exception {
        Files.createDirectories(DIR);
        broker = BrokerProcess.start(Files.createTempDirectory(DIR, "kafka-"));
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        for (String name : List.of("intake-service", "matching-service", "statement-service")) {
            FreshDatabase database = FreshDatabase.create("leakwatch_fault_" + name.substring(0, name.indexOf('-')));
            databases.put(name, database);
            Map<String, String> config = ServiceProcess.stackConfig(name, broker.bootstrapServers(), database, key);
            // A new PostgreSQL connection took over 3 s on the loaded development machine; Agroal's 5 s default then
            // failed restarts in Flyway's first query, which says nothing about crashes.
            config.put("quarkus.datasource.jdbc.acquisition-timeout", "60S");
            services.add(new ServiceProcess(name, freePort(), config, List.of(), DIR.resolve(name + ".log")));
        }
        for (ServiceProcess service : services) {
            service.start();
        }
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
        for (FreshDatabase database : databases.values()) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void killingAnyServiceOrTheBrokerLosesAndDoublesNothing() throws Exception {
        ServiceProcess intake = services.get(0);
        ServiceProcess matching = services.get(1);
        ServiceProcess statement = services.get(2);
        Api api = new Api();
        importRegistry(api, matching.baseUrl());
        LoadGenerator load = new LoadGenerator(api, intake.baseUrl(), statement.baseUrl());
        System.out.printf("fault-run: seed %d, %d round(s), %d filers%n", SEED, ROUNDS, FILERS);

        // The undisturbed run: one incident per template, start to finish, before anything is killed.
        Map<Template, Map<String, Object>> reference = new EnumMap<>(Template.class);
        AtomicInteger numbers = new AtomicInteger();
        for (int i = 0; i < Template.values().length; i++) {
            Filed filed = load.file(numbers.getAndIncrement());
            awaitDecided(load, List.of(filed));
            Map<String, Object> result = api.get(
                            matching.baseUrl() + "/api/v1/verifications/" + filed.sampleId, "analyst")
                    .json()
                    .getMap("$");
            assertThat(result.get("verdict")).as(filed.toString()).isEqualTo(filed.template.verdict);
            reference.put(filed.template, FaultRunCheck.comparable(result));
        }

        AtomicBoolean filing = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(FILERS + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < FILERS; i++) {
            running.add(workers.submit(() -> {
                while (filing.get()) {
                    load.file(numbers.getAndIncrement());
                    Thread.sleep(500);
                }
                return null;
            }));
        }
        running.add(workers.submit(() -> {
            while (filing.get()) {
                load.ledger.forEach(load::decide);
                Thread.sleep(1_000);
            }
            return null;
        }));

        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (ServiceProcess service : List.of(intake, matching, statement)) {
                Thread.sleep(1_000L * (3 + random.nextInt(MAX_PAUSE - 2)));
                long pid = service.handle().pid();
                service.kill();
                kills.add(Instant.now() + " SIGKILL " + service.name() + " (pid " + pid + ")");
                System.out.println("fault-run: " + kills.get(kills.size() - 1));
                Thread.sleep(random.nextInt(3_000));
                startAgain(service);
                failFast(running);
            }
            Thread.sleep(1_000L * (3 + random.nextInt(MAX_PAUSE - 2)));
            long pid = broker.pid();
            broker.kill();
            kills.add(Instant.now() + " SIGKILL kafka broker (pid " + pid + ")");
            System.out.println("fault-run: " + kills.get(kills.size() - 1));
            Thread.sleep(random.nextInt(3_000));
            broker.launch();
            failFast(running);
        }
        Thread.sleep(5_000);
        filing.set(false);
        for (Future<?> worker : running) {
            worker.get();
        }
        workers.shutdown();
        awaitDecided(load, load.ledger);

        FaultRunCheck check = new FaultRunCheck(
                api,
                intake.baseUrl(),
                matching.baseUrl(),
                statement.baseUrl(),
                broker.bootstrapServers(),
                Map.of(
                        Topics.INCIDENT_EVENTS, databases.get("intake-service"),
                        Topics.VERIFICATION_EVENTS, databases.get("matching-service"),
                        Topics.STATEMENT_EVENTS, databases.get("statement-service")),
                load.ledger,
                reference);
        FaultRunCheck.Report report = settled(check);
        String summary = "fault-run: seed " + SEED + ", " + ROUNDS + " round(s), " + kills.size() + " kills, "
                + load.ledger.size() + " incidents; " + report.figures() + "; interrupted uploads whose chunks wait"
                + " in matching for a submission that never comes: " + check.orphanChunkSets.size();
        System.out.println(summary);
        Files.writeString(
                DIR.resolve("summary.txt"),
                summary + "\n" + String.join("\n", kills) + "\nlost:\n" + String.join("\n", report.lost())
                        + "\nduplicated:\n" + String.join("\n", report.duplicated()) + "\n");
        assertThat(report.lost()).as("lost").isEmpty();
        assertThat(report.duplicated()).as("duplicated").isEmpty();
        assertThat(report.accepted()).isGreaterThan(0);
    }

    /** Checks until nothing is lost (events still on their way) or a minute passed; then the last check stands. */
    private static FaultRunCheck.Report settled(FaultRunCheck check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            FaultRunCheck.Report report = check.run();
            if ((report.lost().isEmpty() && report.duplicated().isEmpty()) || System.nanoTime() > deadline) {
                return report;
            }
            Thread.sleep(5_000);
        }
    }

    private static void awaitDecided(LoadGenerator load, List<Filed> filed) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!filed.stream().allMatch(load::decide)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not decided within " + DRAIN_TIMEOUT + ": "
                        + filed.stream().filter(f -> !f.decided).toList());
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * Starts a killed service again as a supervisor (Kubernetes, systemd) would: a start that fails (on a loaded
     * machine PostgreSQL's connection can time out during Flyway's migration check) is tried again.
     */
    private static void startAgain(ServiceProcess service) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                service.start();
                return;
            } catch (IllegalStateException failedToStart) {
                if (attempt == 3) {
                    throw failedToStart;
                }
                System.out.println("fault-run: " + failedToStart.getMessage() + "; starting it again");
                service.kill();
            }
        }
    }

    /** A worker that failed (an unexpected answer) ends the run at once. */
    private static void failFast(List<Future<?>> running) throws Exception {
        for (Future<?> worker : running) {
            if (worker.isDone()) {
                worker.get();
            }
        }
    }

    private static void importRegistry(Api api, String matching) throws InterruptedException {
        Answer accepted = api.post(
                matching + "/api/v1/registry/imports",
                "analyst",
                "text/csv; charset=UTF-8",
                SyntheticData.registryCsv(),
                Map.of());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().getString("importId");
        for (int i = 0; i < 240; i++) {
            Answer state = api.get(matching + "/api/v1/registry/imports/" + id, "analyst");
            if ("COMPLETED".equals(state.json().getString("status"))) {
                Answer stats = api.get(matching + "/api/v1/registry/stats", "analyst");
                if (stats.json().getInt("registryMembers") == SyntheticData.MEMBERS) {
                    return;
                }
            }
            assertThat(state.json().getString("status")).as(state.body()).isNotEqualTo("FAILED");
            Thread.sleep(500);
        }
        throw new AssertionError("the registry import did not complete");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
