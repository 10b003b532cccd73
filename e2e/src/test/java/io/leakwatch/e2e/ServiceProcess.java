package io.leakwatch.e2e;

import io.leakwatch.testing.FreshDatabase;
import io.leakwatch.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Leakwatch service, run as its own JVM exactly as an operator runs it. */
public final class ServiceProcess implements AutoCloseable {

    /** {@code -Dleakwatch.e2e.ready-seconds}: how long a (re)start may take; services start side by side
     * (E2eStack.startAll), and a loaded machine slows each boot many times. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("leakwatch.e2e.ready-seconds", 300));

    private final String module;
    private final String name;
    private final int port;
    private final Map<String, String> config;
    private final List<String> jvmArgs;
    private final Path log;
    private Process process;

    public ServiceProcess(String module, int port, Map<String, String> config) {
        this(module, port, config, List.of());
    }

    /** @param jvmArgs further JVM options, after the default {@code -Xmx256m} */
    public ServiceProcess(String module, int port, Map<String, String> config, List<String> jvmArgs) {
        this(module, module, port, config, jvmArgs);
    }

    /** @param log the file the process's output is appended to */
    public ServiceProcess(String module, int port, Map<String, String> config, List<String> jvmArgs, Path log) {
        this(module, module, port, config, jvmArgs, log);
    }

    /**
     * @param module the service's module, whose packaged application runs
     * @param name what this process is called in messages and its log file's name (replicas of a module differ)
     * @param config configuration, as system properties
     * @param jvmArgs further JVM options, after the default {@code -Xmx256m}
     */
    ServiceProcess(String module, String name, int port, Map<String, String> config, List<String> jvmArgs) {
        this(module, name, port, config, jvmArgs, Path.of("target", "e2e-logs", name + ".log"));
    }

    private ServiceProcess(
            String module, String name, int port, Map<String, String> config, List<String> jvmArgs, Path log) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.config = Map.copyOf(config);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.log = log;
    }

    /**
     * What every packaged service needs to run against a test stack: the broker, its database (JDBC and reactive),
     * the test tokens' public key, and the tokenisation key for the modules that tokenise (statement-service does not,
     * and refuses an unknown {@code leakwatch.*} property). A mutable copy, for further settings.
     */
    public static Map<String, String> stackConfig(
            String module, String bootstrapServers, FreshDatabase database, String tokenisationKey) {
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "mp.jwt.verify.publickey.location",
                        TestTokens.publicKeyFile().toUri().toString()));
        if (!module.equals("statement-service")) {
            config.put("leakwatch.tokenisation.key", tokenisationKey);
        }
        return config;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        Path jar =
                Path.of(System.getProperty("leakwatch.root", ".."), module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port));
        command.addAll(jvmArgs);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady();
    }

    /** The running process, e.g. to read its peak resident memory. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    /** The process's peak resident memory as the kernel reports it ({@code VmHWM}), or "unknown". */
    String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM"))
                    .map(line -> line.substring(6).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** SIGKILL to the service's own JVM (no shutdown hook, no graceful close of anything). */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor();
        }
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still booting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                name + " was not ready after " + READY_TIMEOUT + "; see " + log.toAbsolutePath());
    }
}
