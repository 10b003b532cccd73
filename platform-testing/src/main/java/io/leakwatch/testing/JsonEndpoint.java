package io.leakwatch.testing;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An endpoint that takes a JSON body, with a valid body and its required fields: what a service's
 * {@code BadInputTest} sends {@link BadBodies}' corpus and mutations to.
 *
 * @param path the path as sent (concrete ids, no templates)
 * @param role the role whose token is sent, so that a refusal is about the body, not about access
 * @param required the fields that must be there, dotted for nested ones ({@code text.id})
 */
public record JsonEndpoint(String method, String path, String role, String body, List<String> required) {

    /** The same endpoint at another path, e.g. once the resource the path names exists. */
    public JsonEndpoint at(String concretePath) {
        return new JsonEndpoint(method, concretePath, role, body, required);
    }

    /** The same endpoint with another method, e.g. an update (PUT) that takes the body a creation (POST) takes. */
    public JsonEndpoint withMethod(String otherMethod) {
        return new JsonEndpoint(otherMethod, path, role, body, required);
    }

    /**
     * Sends every body of {@link BadBodies#corpus} as JSON and the valid body as each type of
     * {@link BadBodies#NOT_JSON}, and asserts each is refused as {@link BadInput} says.
     *
     * @return how many inputs were tried
     */
    public int assertCorpusRefused() {
        int tried = 0;
        for (Map.Entry<String, String> bad : BadBodies.corpus(body, required).entrySet()) {
            BadInput.assertRefused(send("application/json", bad.getValue()), this + " with " + bad.getKey());
            tried++;
        }
        for (String type : BadBodies.NOT_JSON) {
            BadInput.assertRefused(send(type, body), this + " as " + type);
            tried++;
        }
        return tried;
    }

    /**
     * Sends {@link BadBodies#mutate}'s version of the valid body for {@code seed} and asserts the answer is handled
     * (a 2xx, or a 4xx problem; never a 5xx).
     *
     * @return the answer
     */
    public Response assertMutationHandled(int seed) {
        String mutated = BadBodies.mutate(body, new Random(seed));
        Response response = send("application/json", mutated);
        BadInput.assertHandled(response, "seed " + seed + ": " + this + " with " + BadBodies.abbreviate(mutated));
        return response;
    }

    /** Sends {@code text} as {@code contentType}; JSON as its exact UTF-8 bytes, other types as text. */
    public Response send(String contentType, String text) {
        RequestSpecification request = BadBodies.raw(TestTokens.forRoles(role)).contentType(contentType);
        request = contentType.equals("application/json")
                ? request.body(text.getBytes(StandardCharsets.UTF_8))
                : request.body(text);
        return request.request(method, path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
