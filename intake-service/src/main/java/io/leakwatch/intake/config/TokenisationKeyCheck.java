package io.leakwatch.intake.config;

import io.leakwatch.platform.privacy.Tokeniser;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * intake-service tokenises every sample, so it does not start without a usable {@code leakwatch.tokenisation.key}:
 * injecting the {@link Tokeniser} at start makes a missing or short key fail the start with a message naming the
 * property, instead of failing the first upload.
 */
@ApplicationScoped
class TokenisationKeyCheck {

    private static final Logger LOG = Logger.getLogger(TokenisationKeyCheck.class);

    void check(@Observes StartupEvent event, Tokeniser tokeniser) {
        // The key id is a public fingerprint: operators compare it with matching-service's.
        LOG.infof("Tokenisation key %s loaded", tokeniser.keyId());
    }
}
