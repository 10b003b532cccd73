package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NameBloomEncoderTest {

    private final NameBloomEncoder encoder = new NameBloomEncoder(new Tokeniser(TokeniserTest.KEY));

    private double dice(String a, String b) {
        return encoder.encode(a).dice(encoder.encode(b));
    }

    static Stream<String> names() {
        return Generated.cases(Generated::name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void theSameNameHasADiceOfOne(String name) {
        assertThat(dice(name, name)).isEqualTo(1.0);
        assertThat(encoder.encode(name)).isEqualTo(encoder.encode(name));
    }

    @ParameterizedTest
    @CsvSource({
        "siti nurhaliza, siti nurhalisa",
        "muhammad rizki, muhamad rizki",
        "dewi lestari, dewi lestary",
        "agus setiawan, agus setiyawan",
        "yohanes simanjuntak, yohanes simanjutak",
        "sri wahyuni, sri wahyudi"
    })
    void aOneLetterTypoStillAgrees(String name, String typo) {
        assertThat(dice(name, typo)).isGreaterThanOrEqualTo(NameBloomEncoder.AGREEMENT_THRESHOLD);
        assertThat(NameBloomEncoder.agree(encoder.encode(name), encoder.encode(typo)))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "siti nurhaliza, bambang sutrisno",
        "budi santoso, ni luh putu ayu",
        "dewi lestari, hendra gunawan",
        "muhammad rizki, fitri handayani",
        "agus setiawan, intan maharani"
    })
    void unrelatedNamesDoNotAgree(String name, String other) {
        assertThat(dice(name, other)).isLessThan(0.5);
        assertThat(NameBloomEncoder.agree(encoder.encode(name), encoder.encode(other)))
                .isFalse();
    }

    @Test
    void theFilterIsKeyed() {
        BloomFilter otherKey = new NameBloomEncoder(new Tokeniser(TokeniserTest.OTHER_KEY)).encode("siti nurhaliza");

        assertThat(encoder.encode("siti nurhaliza").dice(otherKey)).isLessThan(0.5);
    }

    @Test
    void theDefaultsAreSchnellsParameters() {
        BloomFilter filter = encoder.encode("siti nurhaliza");

        assertThat(filter.length()).isEqualTo(1000);
        // 15 bigrams of "_siti nurhaliza_", at most 20 bits each, some falling on the same bit.
        assertThat(filter.cardinality()).isBetween(200, 15 * 20);
    }

    @Test
    void bigramsOfThePaddedName() {
        assertThat(NameBloomEncoder.bigrams("ani")).containsExactly("_a", "an", "ni", "i_");
        assertThat(NameBloomEncoder.bigrams("siti nurhaliza")).hasSize(15);
    }

    @ParameterizedTest
    @MethodSource("names")
    void theStorageFormReadsBack(String name) {
        BloomFilter filter = encoder.encode(name);
        byte[] bytes = filter.toBytes();

        assertThat(bytes).hasSize(125);
        assertThat(BloomFilter.fromBytes(bytes, 1000)).isEqualTo(filter);
    }

    @Test
    void storedBytesMustFitTheLength() {
        assertThatThrownBy(() -> BloomFilter.fromBytes(new byte[124], 1000))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] beyond = new byte[2];
        beyond[1] = (byte) 0x80; // bit 15 of a 12-bit filter
        assertThatThrownBy(() -> BloomFilter.fromBytes(beyond, 12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filtersOfOtherParametersCannotBeCompared() {
        BloomFilter small = new NameBloomEncoder(new Tokeniser(TokeniserTest.KEY), 500, 10).encode("siti");

        assertThatThrownBy(() -> encoder.encode("siti").dice(small)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyFiltersDoNotAgree() {
        BloomFilter empty = BloomFilter.fromBytes(new byte[125], 1000);

        assertThat(empty.dice(empty)).isZero();
    }

    @Test
    void anEmptyNameHasNoFilter() {
        assertThatThrownBy(() -> encoder.encode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoBits() {
        BloomFilter filter = encoder.encode("siti nurhaliza");

        assertThat(filter.toString()).isEqualTo("BloomFilter[m=1000, set=" + filter.cardinality() + "]");
    }
}
