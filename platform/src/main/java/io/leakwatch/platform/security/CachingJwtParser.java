package io.leakwatch.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.leakwatch.platform.config.LeakwatchConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens Quarkus checks on every request ({@code MpJwtValidator} calls {@link #parse(String)}), verified
 * once per token instead of once per request: a client sends the same token until it expires, and jose4j's parse and
 * RS256 check were a third of intake's event loop (docs/BENCHMARKS.md, append). A token is reused only byte for byte,
 * only until its {@code exp} and at most {@code leakwatch.security.verified-tokens.max-age} after it was verified; a
 * token that fails is never kept, so it is checked (and refused) again each time. The key is read once at start, so a
 * cached verification is one the running service would repeat with the same result until {@code exp}.
 */
@Alternative
@Priority(1)
@Singleton
public class CachingJwtParser implements JWTParser {

    private final JWTParser verifier;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    CachingJwtParser(DefaultJWTParser verifier, LeakwatchConfig config) {
        this(
                verifier,
                config.security().verifiedTokens().maxSize(),
                config.security().verifiedTokens().maxAge(),
                Ticker.systemTicker(),
                Clock.systemUTC());
    }

    CachingJwtParser(JWTParser verifier, int maxSize, Duration maxAge, Ticker ticker, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(untilExpiryOrMaxAge(maxAge))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken checked = verifier.parse(token);
        verified.put(token, checked);
        return checked;
    }

    /** A token's entry lives until its {@code exp} or for {@code maxAge}, whichever comes first. */
    private Expiry<String, JsonWebToken> untilExpiryOrMaxAge(Duration maxAge) {
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
                long untilExp = TimeUnit.SECONDS.toNanos(jwt.getExpirationTime())
                        - TimeUnit.MILLISECONDS.toNanos(clock.millis());
                return Math.max(0, Math.min(untilExp, maxAge.toNanos()));
            }

            @Override
            public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                return expireAfterCreate(token, jwt, currentTime);
            }

            @Override
            public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    // Note: the calls below name their own key or context, so they are passed on unchanged and never cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
