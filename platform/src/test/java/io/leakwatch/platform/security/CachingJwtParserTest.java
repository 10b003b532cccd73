package io.leakwatch.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class CachingJwtParserTest {

    private static final Instant START = Instant.parse("2021-05-20T08:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final AtomicLong elapsedNanos = new AtomicLong();
    private final CountingVerifier verifier = new CountingVerifier();
    private final CachingJwtParser parser =
            new CachingJwtParser(verifier, 100, MAX_AGE, elapsedNanos::get, new ElapsedClock());

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() throws ParseException {
        verifier.accept("a", START.plus(Duration.ofHours(1)));

        JsonWebToken first = parser.parse("a");
        pass(Duration.ofMinutes(1));
        JsonWebToken again = parser.parse("a");

        assertThat(again).isSameAs(first);
        assertThat(verifier.calls("a")).isEqualTo(1);
    }

    @Test
    void aTokenIsVerifiedAgainOnceItHasExpired() throws ParseException {
        verifier.accept("a", START.plus(Duration.ofSeconds(30)));
        parser.parse("a");

        pass(Duration.ofSeconds(31));
        verifier.refuse("a");

        assertThatThrownBy(() -> parser.parse("a")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls("a")).isEqualTo(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaxAge() throws ParseException {
        verifier.accept("a", START.plus(Duration.ofDays(1)));
        parser.parse("a");

        pass(MAX_AGE.minusSeconds(1));
        parser.parse("a");
        assertThat(verifier.calls("a")).isEqualTo(1);

        pass(Duration.ofSeconds(2));
        parser.parse("a");
        assertThat(verifier.calls("a")).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsCheckedAndRefusedEveryTime() {
        verifier.refuse("forged");

        assertThatThrownBy(() -> parser.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls("forged")).isEqualTo(2);
    }

    @Test
    void eachTokenHasItsOwnVerification() throws ParseException {
        verifier.accept("a", START.plus(Duration.ofHours(1)));
        verifier.accept("b", START.plus(Duration.ofHours(1)));

        assertThat(parser.parse("a").getName()).isEqualTo("a");
        assertThat(parser.parse("b").getName()).isEqualTo("b");
        assertThat(verifier.calls("b")).isEqualTo(1);
    }

    private void pass(Duration duration) {
        elapsedNanos.addAndGet(duration.toNanos());
    }

    /** The wall clock of the test: START plus the ticker's time. */
    private final class ElapsedClock extends Clock {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return START.plusNanos(elapsedNanos.get());
        }
    }

    /** A verifier that accepts the tokens it was told to, with their exp, and counts what it was asked. */
    private static final class CountingVerifier extends DefaultJWTParser {
        private final Map<String, Instant> valid = new HashMap<>();
        private final Map<String, Integer> calls = new HashMap<>();

        void accept(String token, Instant exp) {
            valid.put(token, exp);
        }

        void refuse(String token) {
            valid.remove(token);
        }

        int calls(String token) {
            return calls.getOrDefault(token, 0);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.merge(token, 1, Integer::sum);
            Instant exp = valid.get(token);
            if (exp == null) {
                throw new ParseException("refused: " + token);
            }
            return new Jwt(token, exp.getEpochSecond());
        }
    }

    private record Jwt(String name, long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(exp) : null;
        }
    }
}
