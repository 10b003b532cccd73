package io.leakwatch.matching.config;

import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Tokeniser;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * The registry's row tokeniser, on platform's one {@link Tokeniser} (from {@code leakwatch.tokenisation.key}). Asked
 * for at start: a missing, short or malformed key stops the service before it imports or verifies anything, so that
 * no registry is ever tokenised under a key intake does not share.
 */
@ApplicationScoped
public class TokeniserProducer {

    private static final Logger LOG = Logger.getLogger(TokeniserProducer.class);

    void checkAtStart(@Observes StartupEvent event, Tokeniser tokeniser) {
        LOG.infof("Tokenisation key %s loaded", tokeniser.keyId());
    }

    @Produces
    @ApplicationScoped
    RowTokeniser rowTokeniser(Tokeniser tokeniser) {
        return new RowTokeniser(tokeniser, new NameBloomEncoder(tokeniser));
    }
}
