package io.leakwatch.platform.tokenisation;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The secret that intake (samples) and matching (registry) tokenise personal data with. */
@ConfigMapping(prefix = "leakwatch.tokenisation")
public interface TokenisationConfig {

    /**
     * The HMAC key, base64 (standard or URL alphabet, padding optional), at least 32 bytes once decoded. The same key in
     * every service that tokenises, or tokens never agree. Set it from a secret (environment variable
     * {@code LEAKWATCH_TOKENISATION_KEY}); only the dev and test profiles carry a fixed, public development key.
     */
    Optional<String> key();
}
