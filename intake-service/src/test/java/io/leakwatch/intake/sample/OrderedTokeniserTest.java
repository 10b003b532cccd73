package io.leakwatch.intake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.CanonicalField;
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
    void rowsComeBackInFileOrderWithTheirTokensAsOneThreadMakesThem() throws Exception {
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
                assertThat(tokenised.json())
                        .as("line %d has an invalid NIK", line)
                        .isNull();
                continue;
            }
            SampleRow row = AxonJson.mapper().readValue(tokenised.json(), SampleRow.class);
            assertThat(row.line()).isEqualTo(line);
            assertThat(row.fieldTokens().get("full_name"))
                    .isEqualTo(rowTokeniser
                            .tokenise(Map.of("nik", VALID_NIK, "full_name", "person number " + line))
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
    private static String[] row(long line) {
        String[] cells = new String[CanonicalField.values().length];
        cells[CanonicalField.NIK.ordinal()] = line % 10 == 0 ? "12345" : VALID_NIK;
        cells[CanonicalField.FULL_NAME.ordinal()] = "person number " + line;
        return cells;
    }
}
