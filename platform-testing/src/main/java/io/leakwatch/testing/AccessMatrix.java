package io.leakwatch.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Tries every endpoint of a running service (as its {@code /q/openapi} document lists them, so a new endpoint is
 * covered without anyone adding it) with no token, an expired token, a token signed by a stranger, one from another
 * issuer, an unsigned one ({@code alg: none}), a valid token with no {@code groups} claim, one whose groups are no
 * Leakwatch role, and a token of each role, against a table of the roles each endpoint should let in. An endpoint the table does not name, or names but
 * the service does not have, fails the test; so does a role let in or kept out against the table.
 *
 * <p>"Let in" means authorisation passed: any answer but 401 and 403 (a dummy body may well be a 400, a random id a
 * 404). Kept out means 401 for a missing, expired, foreign or unsigned token and 403 for a valid token of no or another
 * role, both as
 * {@code application/problem+json}. No answer may be a 5xx.
 */
public final class AccessMatrix {

    /** The roles of DESIGN.md. */
    public static final List<String> ROLES = List.of("reporter", "analyst", "comms", "auditor");

    /** The roles entry of an endpoint anyone may call, without a token or with any token. */
    public static final Set<String> ANYONE = Set.of("*anyone*");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}:]+)[^}]*}");
    private static final Set<String> NUMERIC_PARAMETERS = Set.of("version", "from", "to");

    private AccessMatrix() {}

    /** An operation of the OpenAPI document: {@code "POST /api/v1/incidents"} and what its body is. */
    record Operation(String method, String path, String contentType) {

        String key() {
            return method + " " + path;
        }
    }

    /**
     * @param expected the roles each endpoint lets in, keyed {@code "METHOD /path/{param}"} as OpenAPI writes paths;
     *     {@link #ANYONE} for public endpoints
     */
    public static Stream<DynamicTest> tests(Map<String, Set<String>> expected) {
        List<Operation> operations = documented();
        Set<String> documented = new TreeSet<>();
        operations.forEach(operation -> documented.add(operation.key()));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "the table names exactly the documented endpoints",
                () -> assertEquals(new TreeSet<>(expected.keySet()), documented)));
        tests.add(DynamicTest.dynamicTest("/q/* answers without a token", () -> {
            for (String path : List.of("/q/health/live", "/q/metrics", "/q/openapi")) {
                assertEquals(200, given().get(path).statusCode(), path);
            }
        }));
        for (Operation operation : operations) {
            Set<String> roles = expected.get(operation.key());
            if (roles != null) {
                tests.add(DynamicTest.dynamicTest(
                        operation.key() + " lets in " + (roles == ANYONE ? "anyone" : roles),
                        () -> check(operation, roles)));
            }
        }
        return tests.stream();
    }

    /** How many requests {@link #tests} sends per endpoint. */
    public static int credentialsPerEndpoint() {
        return untrusted().size() + roleless().size() + ROLES.size();
    }

    /** Credentials that prove nothing: each must be a 401 wherever a token is needed. */
    private static Map<String, Supplier<String>> untrusted() {
        String[] all = ROLES.toArray(String[]::new);
        Map<String, Supplier<String>> untrusted = new TreeMap<>();
        untrusted.put("no token", () -> null);
        untrusted.put("an expired token", () -> TestTokens.expired(all));
        untrusted.put("a token signed by a stranger", () -> TestTokens.signedByAStranger(all));
        untrusted.put("a token from another issuer", () -> TestTokens.fromAnotherIssuer(all));
        untrusted.put("an unsigned token (alg none)", () -> TestTokens.unsigned(all));
        return untrusted;
    }

    /** Valid tokens of someone in no Leakwatch role: each must be a 403 wherever a role is needed. */
    private static Map<String, Supplier<String>> roleless() {
        Map<String, Supplier<String>> roleless = new TreeMap<>();
        roleless.put("a token without a groups claim", TestTokens::withoutGroups);
        roleless.put("a token of unknown groups", () -> TestTokens.forRoles("admin", "root", "Analyst"));
        return roleless;
    }

    private static void check(Operation operation, Set<String> roles) {
        boolean anyone = roles == ANYONE;
        Map<String, Integer> refusals = new TreeMap<>();
        Map<String, Supplier<String>> credentials = new TreeMap<>();
        untrusted().forEach((who, token) -> {
            credentials.put(who, token);
            refusals.put(who, 401);
        });
        roleless().forEach((who, token) -> {
            credentials.put(who, token);
            refusals.put(who, 403);
        });
        for (String role : ROLES) {
            credentials.put(role, () -> TestTokens.forRoles(role));
            refusals.put(role, roles.contains(role) ? null : 403);
        }
        credentials.forEach((who, token) -> {
            Response response = send(operation, token.get());
            Integer refusal = refusals.get(who);
            if (anyone || refusal == null) {
                passed(operation, who, response);
            } else {
                refused(operation, who, response, refusal);
            }
        });
    }

    private static void passed(Operation operation, String who, Response response) {
        int status = response.statusCode();
        assertTrue(
                status != 401 && status != 403 && status < 500,
                operation.key() + " with " + who + ": expected to pass authorisation, got " + status + " "
                        + response.asString());
    }

    private static void refused(Operation operation, String who, Response response, int expected) {
        assertEquals(expected, response.statusCode(), operation.key() + " with " + who + ": " + response.asString());
        String type = response.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            fail(operation.key() + " with " + who + ": refused as " + type + ", not application/problem+json");
        }
    }

    private static Response send(Operation operation, String token) {
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (operation.contentType() != null) {
            request = request.contentType(operation.contentType())
                    .body(operation.contentType().contains("csv") ? "nik\n" : "{}");
        }
        return request.request(operation.method(), concrete(operation.path()));
    }

    /** The path with a value for each parameter: a number where the path takes one, else an id nobody has. */
    private static String concrete(String path) {
        Matcher parameter = PATH_PARAMETER.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (parameter.find()) {
            String value = NUMERIC_PARAMETERS.contains(parameter.group(1))
                    ? "1"
                    : UUID.randomUUID().toString();
            parameter.appendReplacement(concrete, value);
        }
        parameter.appendTail(concrete);
        return concrete.toString();
    }

    private static List<Operation> documented() {
        JsonPath openapi = JsonPath.from(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, definition) -> {
            if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                return;
            }
            String contentType = null;
            if (definition instanceof Map<?, ?> map && map.get("requestBody") instanceof Map<?, ?> body) {
                if (body.get("content") instanceof Map<?, ?> content && !content.isEmpty()) {
                    contentType = String.valueOf(content.keySet().iterator().next());
                }
            }
            operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path, contentType));
        }));
        return operations;
    }
}
