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
 * The service's one long-lived {@link Tokeniser}, made from {@code leakwatch.tokenisation.key}. Checked at start: a
 * missing, short or malformed key stops the service before it imports or verifies anything, so that no registry is
 * ever tokenised under a key intake does not share.
 */
@ApplicationScoped
public class TokeniserProducer {

    private static final Logger LOG = Logger.getLogger(TokeniserProducer.class);

    private final Tokeniser tokeniser;

    TokeniserProducer(TokenisationConfig config) {
        String key = config.key()
                .filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "leakwatch.tokenisation.key (LEAKWATCH_TOKENISATION_KEY) is not set: matching-service needs"
                                + " the tokenisation key it shares with intake-service"));
        // Tokeniser's messages name neither the key nor a character of it.
        this.tokeniser = Tokeniser.fromBase64(key);
    }

    void checkAtStart(@Observes StartupEvent event) {
        LOG.infof("Tokenisation key %s loaded", tokeniser.keyId());
    }

    @Produces
    @ApplicationScoped
    Tokeniser tokeniser() {
        return tokeniser;
    }

    @Produces
    @ApplicationScoped
    RowTokeniser rowTokeniser() {
        return new RowTokeniser(tokeniser, new NameBloomEncoder(tokeniser));
    }
}
