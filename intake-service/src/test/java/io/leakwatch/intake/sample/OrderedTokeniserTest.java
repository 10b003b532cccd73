package io.leakwatch.intake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Tokeniser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedTokeniserTest {

    private static final String VALID_NIK = "3171015505900002";

    private final RowTokeniser rowTokeniser =
            new RowTokeniser(new Tokeniser("ordered-tokeniser-test-key-012345".getBytes(StandardCharsets.US_ASCII)));
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void rowsComeBackInFileOrderWithTheirTokensAsOneThreadMakesThem() {
        List<OrderedTokeniser.Tokenised> seen = new ArrayList<>();
        OrderedTokeniser tokenising = new OrderedTokeniser(rowTokeniser, pool, 7, 3, seen::add);
        int rows = 1_000;
        for (int line = 2; line < rows + 2; line++) {
            tokenising.add(line, row(line));
        }
        tokenising.flush();

        assertThat(seen).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            long line = i + 2;
            OrderedTokeniser.Tokenised tokenised = seen.get(i);
            if (line % 10 == 0) {
                assertThat(tokenised.row())
                        .as("line %d has an invalid NIK", line)
                        .isNull();
                continue;
            }
            SampleRow row = tokenised.row();
            assertThat(row.line()).isEqualTo(line);
            assertThat(row.fieldTokens().get("full_name"))
                    .isEqualTo(rowTokeniser
                            .tokenise(row(line))
                            .fieldTokens()
                            .values()
                            .iterator()
                            .next()
                            .base64Url());
        }
    }

    @Test
    void nothingReachesTheSinkBeforeItsTurn() {
        List<OrderedTokeniser.Tokenised> seen = new ArrayList<>();
        OrderedTokeniser tokenising = new OrderedTokeniser(rowTokeniser, pool, 100, 8, seen::add);
        tokenising.add(2, row(2));

        assertThat(seen).isEmpty(); // a partial batch waits for more rows or the flush
        tokenising.flush();
        assertThat(seen).hasSize(1);
    }

    /** A row whose only compared field is a name unique to its line; every tenth line has an invalid NIK. */
    private static Map<String, String> row(long line) {
        return Map.of("nik", line % 10 == 0 ? "12345" : VALID_NIK, "full_name", "person number " + line);
    }
}
