package io.leakwatch.matching.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A row's key equals a version's exactly when the version holds that key, whatever form the column took. */
class FieldColumnTest {

    private static final int PRESENT = 1;

    @ParameterizedTest
    @ValueSource(ints = {1, 200, 256, 257, 5_000, 65_536, 70_000})
    void aKeyMatchesExactlyTheVersionsThatHoldIt(int distinct) {
        Random random = new Random(distinct);
        long[] values = random.longs(distinct).toArray();
        int versions = distinct * 2 + 10;
        long[] keys = new long[versions];
        byte[] presence = new byte[versions];
        for (int v = 0; v < versions; v++) {
            keys[v] = values[v % distinct];
            // Every tenth version lacks the field; its key is noise no row should match.
            presence[v] = (byte) (v % 10 == 9 ? 0 : PRESENT);
            if (presence[v] == 0) {
                keys[v] = random.nextLong();
            }
        }

        FieldColumn column = FieldColumn.of(keys, versions, presence, PRESENT);

        for (int v = 0; v < versions; v++) {
            if (presence[v] != 0) {
                assertThat(column.keyAt(v))
                        .as("version %d's key, in any width", v)
                        .isEqualTo(keys[v]);
            }
        }
        long[] held = Arrays.stream(values).sorted().toArray();
        int falseMatches = 0;
        for (int i = 0; i < 1_000; i++) {
            long outsider = random.nextLong();
            if (Arrays.binarySearch(held, outsider) >= 0) {
                continue;
            }
            for (int v = 0; v < versions; v++) {
                if (presence[v] != 0 && column.keyAt(v) == outsider) {
                    falseMatches++;
                }
            }
        }
        assertThat(falseMatches).isZero();
    }
}
