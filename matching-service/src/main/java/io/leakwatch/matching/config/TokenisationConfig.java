package io.leakwatch.matching.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The tokenisation key matching shares with intake-service (DESIGN.md, "Privacy by design"). */
@ConfigMapping(prefix = "leakwatch.tokenisation")
public interface TokenisationConfig {

    /**
     * The secret key, base64 (standard or URL alphabet), at least 32 bytes; {@code LEAKWATCH_TOKENISATION_KEY} in the
     * environment. The dev and test profiles carry a fixed development key; prod refuses to start without one.
     */
    Optional<String> key();
}
