package io.leakwatch.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bad-input corpus every service's {@code BadInputTest} sends (issue 7, point 4): named malformed versions of a
 * valid JSON body, seeded random mutations of it, and the bodies that are not JSON at all. Each endpoint's test names
 * its valid body and required fields; what a refusal must look like is {@link BadInput}'s.
 */
public final class BadBodies {

    /** A 10 MB string: far over any field's limit and any sensible request. */
    public static final String TEN_MB = "x".repeat(10 * 1024 * 1024);

    /** Content types a JSON endpoint does not take. */
    public static final List<String> NOT_JSON =
            List.of("text/plain", "application/xml", "application/x-www-form-urlencoded");

    /** Dates no one can mean: the far future and past, impossible, free text, and seconds since 1970 as text. */
    public static final List<String> BAD_DATES = List.of(
            "2999-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "1899-12-31T00:00:00Z",
            "2021-13-45T00:00:00Z",
            "2021-05-20",
            "yesterday",
            "20 May 2021",
            "1621501200",
            "1621501200000");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BadBodies() {}

    /**
     * Named malformed versions of {@code valid}: not an object, cut off, trailing content, an extra field; each
     * {@code required} field (a dotted path such as {@code text.id}) missing and null; every field, nested ones too,
     * of the wrong type; numbers negative, fractional, huge; date fields ({@code ...At}) with {@link #BAD_DATES} and
     * as epoch seconds; one text field 10 MB long and text fields blank.
     */
    public static Map<String, String> corpus(String valid, List<String> required) {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("an empty body", "");
        corpus.put("null", "null");
        corpus.put("an array", "[]");
        corpus.put("a string", "\"hello\"");
        corpus.put("a number", "42");
        corpus.put("a cut-off object", valid.substring(0, valid.length() / 2));
        corpus.put("a trailing comma", valid.replaceFirst("}\\s*$", ",}"));
        corpus.put("single quotes", valid.replace('"', '\''));
        corpus.put("two objects", valid + valid);
        corpus.put("an extra field", with(valid, "extra", NODES.textNode("x")));
        for (String field : required) {
            corpus.put("no " + field, without(valid, field));
            corpus.put(field + " null", with(valid, field, NODES.nullNode()));
        }
        for (String field : fields(tree(valid), "")) {
            JsonNode value = at(tree(valid), field);
            corpus.put(
                    field + " an object", with(valid, field, NODES.objectNode().put("a", 1)));
            if (value.isArray()) {
                corpus.put(
                        field + " holding a number",
                        with(valid, field, NODES.arrayNode().add(7)));
                corpus.put(
                        field + " holding null",
                        with(valid, field, NODES.arrayNode().addNull()));
            } else {
                corpus.put(
                        field + " an array",
                        with(valid, field, NODES.arrayNode().add(1).add(2)));
            }
            if (value.isObject()) {
                corpus.put(field + " with an extra field", with(valid, field + ".extra", NODES.textNode("x")));
            }
            if (value.isTextual() || value.isObject()) {
                corpus.put(field + " a number", with(valid, field, NODES.numberNode(7)));
                corpus.put(field + " a boolean", with(valid, field, NODES.booleanNode(true)));
            }
            if (value.isNumber()) {
                corpus.put(field + " a word", with(valid, field, NODES.textNode("many")));
                corpus.put(field + " a number as text", with(valid, field, NODES.textNode(value.asText())));
                corpus.put(field + " a fraction", with(valid, field, NODES.numberNode(1.5)));
                corpus.put(field + " negative", with(valid, field, NODES.numberNode(-1)));
                corpus.put(field + " huge", with(valid, field, number("99999999999999999999999")));
                corpus.put(field + " 1e400", with(valid, field, number("1e400")));
                corpus.put(field + " above ten billion", with(valid, field, NODES.numberNode(10_000_000_001L)));
            }
            if (field.endsWith("At")) {
                for (String date : BAD_DATES) {
                    corpus.put(field + " " + date, with(valid, field, NODES.textNode(date)));
                }
                corpus.put(field + " as epoch seconds", with(valid, field, NODES.numberNode(1_621_501_200L)));
            } else if (value.isTextual()) {
                // One 10 MB string per endpoint: each costs seconds on a loaded machine, and one shows the limit holds.
                if (corpus.keySet().stream().noneMatch(name -> name.endsWith(" 10 MB"))) {
                    corpus.put(field + " 10 MB", with(valid, field, NODES.textNode(TEN_MB)));
                }
                if (required.contains(field)) {
                    corpus.put(field + " blank", with(valid, field, NODES.textNode("   ")));
                }
            }
        }
        return corpus;
    }

    /** One to three random edits of the text or the tree of {@code body}, the same ones for the same {@code random}. */
    public static String mutate(String body, Random random) {
        String text = body;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            text = switch (random.nextInt(6)) {
                case 0 -> {
                    int at = random.nextInt(Math.max(1, text.length()));
                    yield text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
                }
                case 1 -> {
                    int at = random.nextInt(text.length() + 1);
                    String noise = "{}[]\",:\\\u0000\u00e9\ud83d\ude00 0-e.x\n";
                    yield text.substring(0, at) + noise.charAt(random.nextInt(noise.length())) + text.substring(at);
                }
                case 2 -> {
                    int from = random.nextInt(Math.max(1, text.length()));
                    int to = Math.min(text.length(), from + random.nextInt(20));
                    yield text.substring(0, to) + text.substring(from, to) + text.substring(to);
                }
                default -> mutateTree(text, random);
            };
        }
        return text;
    }

    /** A small zip whose one entry inflates to 100 MB of zeros, to send as if it were CSV. */
    public static byte[] zipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("registry.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A request with {@code token} that sends its body's bytes as given: rest-assured would otherwise add a charset. */
    public static RequestSpecification raw(String token) {
        RequestSpecification request = given().config(RestAssured.config()
                .encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        return token == null ? request : request.auth().oauth2(token);
    }

    /** The body, shortened for a failure message. */
    public static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String mutateTree(String text, Random random) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return text; // already broken: leave it so
        }
        if (!(root instanceof ObjectNode object) || object.isEmpty()) {
            return text;
        }
        List<String> fields = fields(object, "");
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(4)) {
            case 0 -> remove(object, field);
            case 1 -> set(object, "x" + random.nextInt(100), NODES.textNode("extra"));
            default -> {
                JsonNode[] values = {
                    NODES.nullNode(),
                    NODES.numberNode(random.nextLong()),
                    NODES.numberNode(-random.nextInt(1000)),
                    NODES.numberNode(random.nextDouble() * 1e300),
                    NODES.textNode(""),
                    NODES.textNode("a".repeat(random.nextInt(5000))),
                    NODES.textNode(randomDate(random)),
                    NODES.textNode(String.valueOf(1_000_000_000L + random.nextInt(1_000_000_000))),
                    NODES.booleanNode(random.nextBoolean()),
                    NODES.arrayNode().add(random.nextInt()),
                    NODES.objectNode().put("k", "v"),
                };
                set(object, field, values[random.nextInt(values.length)]);
            }
        }
        return object.toString();
    }

    private static String randomDate(Random random) {
        int year = 1 + random.nextInt(9998);
        return String.format(
                "%04d-%02d-%02dT%02d:00:00Z", year, 1 + random.nextInt(14), random.nextInt(33), random.nextInt(26));
    }

    /** Every field's dotted path, nested objects' fields after their own. */
    private static List<String> fields(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) {
                paths.addAll(fields(field.getValue(), path + "."));
            }
        }
        return paths;
    }

    private static String with(String body, String path, JsonNode value) {
        ObjectNode root = (ObjectNode) tree(body);
        set(root, path, value);
        return root.toString();
    }

    private static String without(String body, String path) {
        ObjectNode root = (ObjectNode) tree(body);
        remove(root, path);
        return root.toString();
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        ((ObjectNode) at(root, dot < 0 ? "" : path.substring(0, dot))).set(path.substring(dot + 1), value);
    }

    private static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        ((ObjectNode) at(root, dot < 0 ? "" : path.substring(0, dot))).remove(path.substring(dot + 1));
    }

    private static JsonNode at(JsonNode root, String path) {
        return path.isEmpty() ? root : root.at("/" + path.replace('.', '/'));
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode number(String literal) {
        return tree(literal);
    }
}
