package io.leakwatch.platform.tokenisation;

import io.leakwatch.platform.privacy.Tokeniser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one {@link Tokeniser}, from {@code leakwatch.tokenisation.key}. A service that tokenises injects it at
 * start (see intake's {@code TokenisationKeyCheck}), so a missing or unusable key stops the service at start with a
 * message naming the property, not at the first upload.
 */
@ApplicationScoped
class TokeniserProducer {

    static final String PROPERTY = "leakwatch.tokenisation.key";

    @Produces
    @Singleton
    Tokeniser tokeniser(TokenisationConfig config) {
        String key = config.key()
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException(PROPERTY
                        + " is not set: this service tokenises personal data and needs the base64 key (at least "
                        + Tokeniser.MIN_KEY_BYTES
                        + " bytes) that intake-service and matching-service share, e.g. from the environment variable"
                        + " LEAKWATCH_TOKENISATION_KEY"));
        try {
            return Tokeniser.fromBase64(key);
        } catch (IllegalArgumentException e) {
            // The tokeniser's messages never quote the key.
            throw new IllegalStateException(PROPERTY + " is not usable: " + e.getMessage(), e);
        }
    }
}
