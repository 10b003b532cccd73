package io.leakwatch.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a refusal of bad input must look like everywhere: a 4xx with an {@code application/problem+json} body whose
 * {@code detail} names the problem, and nothing in the body that betrays the code (a stack frame, an exception class,
 * SQL). A 5xx is a bug.
 */
public final class BadInput {

    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\("),
            Pattern.compile("\\b(java|javax|jakarta|org|com|io)\\.[\\w.$]+(Exception|Error)\\b"),
            Pattern.compile("(?i)\\b(select|insert|update) .* (from|into|set) "));

    private BadInput() {}

    /** Asserts {@code response} refuses {@code input} (a short description, for the failure message) as it should. */
    public static void assertRefused(Response response, String input) {
        int status = response.statusCode();
        String body = response.asString();
        String shown = input + ": " + status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        assertTrue(status >= 400 && status < 500, "expected a 4xx for " + shown);
        String type = response.contentType();
        assertTrue(type != null && type.startsWith("application/problem+json"), "not problem+json: " + shown);
        String detail = JsonPath.from(body).getString("detail");
        assertTrue(detail != null && !detail.isBlank(), "a problem without a detail: " + shown);
        assertNoLeak(body, shown);
    }

    /** Asserts an answer, whatever it is, is no 5xx and betrays no code; a 4xx must be a problem. */
    public static void assertHandled(Response response, String input) {
        if (response.statusCode() >= 400) {
            assertRefused(response, input);
        } else {
            assertNoLeak(response.asString(), input);
        }
    }

    private static void assertNoLeak(String body, String shown) {
        for (Pattern leak : LEAKS) {
            assertFalse(leak.matcher(body).find(), "the body betrays the code (" + leak + "): " + shown);
        }
    }
}
