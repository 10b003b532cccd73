package io.leakwatch.statement.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.leakwatch.platform.rest.Problem;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * That what the pools fail with under overload reaches the platform's mappers through Quarkus REST and is answered
 * 503: a bare {@code Throwable} failing a {@code Uni} (the reactive pool) and a checked {@code SQLException} thrown
 * by a blocking method (Agroal) were both Quarkus's own bodiless 500 before. The exceptions are those the real pools
 * throw ({@code OverloadProblemsTest}, platform), raised here by a test-only endpoint, since exhausting the service's
 * own reactive pool takes its 30 s wait.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class OverloadAnswersTest {

    @Test
    void aReactiveReadWithoutAConnectionIsA503() {
        assertUnavailable("/test-only/overload/reactive");
        assertUnavailable("/test-only/overload/reactive-wrapped");
    }

    @Test
    void aBlockingCallWithoutAConnectionIsA503() {
        assertUnavailable("/test-only/overload/jdbc");
    }

    @Test
    void anyOtherFailureIsStillA500ProblemThatNamesNoClass() {
        given().get("/test-only/overload/bug")
                .then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", nullValue())
                .body("detail", not(containsString("Exception")));
    }

    private static void assertUnavailable(String path) {
        given().get(path)
                .then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("overloaded"))
                .body("detail", not(containsString("Timeout")));
    }

    /** Hidden from /q/openapi, so that AccessTest's table of endpoints does not see it. */
    @Path("/test-only/overload")
    @PermitAll
    public static class OverloadingResource {

        @GET
        @Path("reactive")
        @Operation(hidden = true)
        public Uni<String> reactive() {
            return Uni.createFrom().failure(new NoStackTraceThrowable("Timeout"));
        }

        @GET
        @Path("reactive-wrapped")
        @Operation(hidden = true)
        public Uni<String> reactiveWrapped() {
            // As a CompletionStage (Hibernate Reactive's pool is one) may hand it on.
            return Uni.createFrom().failure(new CompletionException(new NoStackTraceThrowable("Timeout")));
        }

        @GET
        @Path("jdbc")
        @Operation(hidden = true)
        public String jdbc() throws SQLException {
            throw new SQLException("Sorry, acquisition timeout!");
        }

        @GET
        @Path("bug")
        @Operation(hidden = true)
        public String bug() throws SQLException {
            throw new SQLException("relation \"statement_version\" does not exist", "42P01");
        }
    }
}
