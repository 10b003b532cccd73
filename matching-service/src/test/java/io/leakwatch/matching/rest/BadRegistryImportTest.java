package io.leakwatch.matching.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadBodies;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registry import whose body is not a registry export is refused as a whole: a 4xx problem, no 5xx, no stack trace,
 * no import recorded and the registry that serves unchanged. (Bad rows inside a good export are rejected line by line
 * and counted: VerificationFlowTest.)
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class BadRegistryImportTest {

    private static final String HEADER =
            "nik,card_no,full_name,birth_date,sex,phone,regency_code,status,registered_on,deceased_on,valid_from,"
                    + "canary_set\n";

    @Test
    void aBodyThatIsNotARegistryExportIsRefusedAndRecordsNothing() throws IOException {
        String imports = analyst()
                .get("/api/v1/registry/imports")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String stats = analyst()
                .get("/api/v1/registry/stats")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("an empty body", new byte[0]);
        corpus.put("no header", utf8("3171011205900001,0001234567890,Siti,1990-05-12,P,0812,3171,ACTIVE,,,,\n"));
        corpus.put("a header of other columns", utf8("name,phone\r\nSiti,0812\r\n"));
        corpus.put("a header with a column twice", utf8(HEADER.replace("\n", ",nik\n")));
        corpus.put("a byte-order mark and nothing else", utf8("\uFEFF"));
        corpus.put("an unclosed quote in the header", utf8("\"nik,card_no\nx,y\n"));
        corpus.put("a 10 MB first line", utf8("nik," + BadBodies.TEN_MB + "\n"));
        corpus.put("binary bytes", new byte[] {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, '\n', 0, 0});
        corpus.put("invalid UTF-8 in the header", new byte[] {'n', 'i', (byte) 0xC3, (byte) 0x28, 'k', '\n'});
        corpus.put("a zip bomb", BadBodies.zipBomb());
        int tried = 0;
        for (Map.Entry<String, byte[]> bad : corpus.entrySet()) {
            BadInput.assertRefused(upload("text/csv", bad.getValue()), "an import with " + bad.getKey());
            tried++;
        }
        for (String type : List.of("application/json", "application/zip", "application/octet-stream")) {
            BadInput.assertRefused(upload(type, utf8(HEADER)), "an import as " + type);
            tried++;
        }
        assertThat(analyst().get("/api/v1/registry/imports").then().extract().asString())
                .as("imports")
                .isEqualTo(imports);
        assertThat(analyst().get("/api/v1/registry/stats").then().extract().asString())
                .as("the registry that serves")
                .isEqualTo(stats);
        System.out.printf("bad-input: %d registry imports tried, all refused with 4xx problem+json%n", tried);
    }

    @Test
    void invalidUtf8InARowFailsTheImportAndKeepsTheRegistry() {
        String stats = analyst()
                .get("/api/v1/registry/stats")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        byte[] head = utf8(HEADER + "3171011205900001,0001234567890,Siti ");
        byte[] tail = utf8(",1990-05-12,P,0812,3171,ACTIVE,2015-01-01,,,\n");
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        BadInput.assertRefused(upload("text/csv", body), "an import with invalid UTF-8 in a row");
        assertThat(analyst().get("/api/v1/registry/stats").then().extract().asString())
                .as("the registry that serves")
                .isEqualTo(stats);
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.ANALYST));
    }

    private static io.restassured.response.Response upload(String contentType, byte[] body) {
        return BadBodies.raw(TestTokens.forRoles(Roles.ANALYST))
                .contentType(contentType)
                .body(body)
                .post("/api/v1/registry/imports");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
