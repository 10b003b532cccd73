package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TokeniserTest {

    /** Test keys only: 32 bytes that are easy to spot if they ever leak into a string. */
    static final byte[] KEY = "leakwatch-test-key-0123456789abc".getBytes(StandardCharsets.US_ASCII);

    static final byte[] OTHER_KEY = "leakwatch-test-key-ZYXWVUTSRQPON".getBytes(StandardCharsets.US_ASCII);

    private final Tokeniser tokeniser = new Tokeniser(KEY);

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new Tokeniser(Arrays.copyOf(KEY, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new Tokeniser(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokeniser.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBase64KeyInAnyAlphabetIsTheSameKey() {
        Token expected = tokeniser.token(CanonicalField.NIK, "3171011505900001");
        byte[] key = new byte[34];
        Arrays.fill(key, (byte) 0xfb); // encodes with '+' and '/' in the standard alphabet, '-' and '_' in the URL one
        Tokeniser bytes = new Tokeniser(key);

        assertThat(Tokeniser.fromBase64(Base64.getEncoder().encodeToString(KEY))
                        .token(CanonicalField.NIK, "3171011505900001"))
                .isEqualTo(expected);
        for (String encoded : List.of(
                Base64.getEncoder().encodeToString(key),
                Base64.getUrlEncoder().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                " " + Base64.getEncoder().encodeToString(key) + "\n")) {
            assertThat(Tokeniser.fromBase64(encoded).keyId()).as(encoded).isEqualTo(bytes.keyId());
        }
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String notBase64 = "this is not base64 but a secret!!";

        assertThatThrownBy(() -> Tokeniser.fromBase64(notBase64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("!");
    }

    @Test
    void theKeyIsCopied() {
        byte[] key = KEY.clone();
        Tokeniser copied = new Tokeniser(key);
        Arrays.fill(key, (byte) 0);

        assertThat(copied.token(CanonicalField.PHONE, "6281234567890"))
                .isEqualTo(tokeniser.token(CanonicalField.PHONE, "6281234567890"));
    }

    /** Pins the MAC input, HMAC-SHA256(key, "leakwatch/token/v1/" + field + 0x00 + value): every stored token depends on it. */
    @Test
    void aTokenIsTheHmacOfTheFieldDomainAndTheValue() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal("leakwatch/token/v1/full_name\0siti nurhaliza".getBytes(StandardCharsets.UTF_8));

        Token token = tokeniser.token(CanonicalField.FULL_NAME, "siti nurhaliza");

        assertThat(token.bytes()).hasSize(Token.LENGTH).isEqualTo(expected);
    }

    static Stream<String> values() {
        return Generated.cases(
                random -> FieldNormaliser.text(Generated.anyText(random)).orElse("x"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void tokensAreDeterministicPerKey(String value) {
        assertThat(new Tokeniser(KEY.clone()).token(CanonicalField.FULL_NAME, value))
                .isEqualTo(tokeniser.token(CanonicalField.FULL_NAME, value));
    }

    @ParameterizedTest
    @MethodSource("values")
    void tokensDifferPerKey(String value) {
        assertThat(new Tokeniser(OTHER_KEY).token(CanonicalField.FULL_NAME, value))
                .isNotEqualTo(tokeniser.token(CanonicalField.FULL_NAME, value));
    }

    @ParameterizedTest
    @MethodSource("values")
    void tokensDifferPerField(String value) {
        Set<Token> tokens = EnumSet.allOf(CanonicalField.class).stream()
                .map(field -> tokeniser.token(field, value))
                .collect(Collectors.toSet());

        assertThat(tokens).hasSize(CanonicalField.values().length);
    }

    @Test
    void tokensDifferPerValue() {
        assertThat(tokeniser.token(CanonicalField.NIK, "3171011505900001"))
                .isNotEqualTo(tokeniser.token(CanonicalField.NIK, "3171011505900002"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyValueHasNoToken(String value) {
        assertThatThrownBy(() -> tokeniser.token(CanonicalField.PHONE, value))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNiksTokenIsTheTokenOfItsDigits() {
        Nik nik = NikValidator.validate("3171011505900001").validNik().orElseThrow();

        assertThat(tokeniser.nikToken(nik)).isEqualTo(tokeniser.token(CanonicalField.NIK, "3171011505900001"));
    }

    @Test
    void aTokenHasTextFormsThatReadBack() {
        Token token = tokeniser.token(CanonicalField.NIK, "3171011505900001");

        assertThat(token.hex()).hasSize(64).matches("[0-9a-f]+");
        assertThat(token.base64Url()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Token.ofHex(token.hex())).isEqualTo(token);
        assertThat(Token.ofBase64Url(token.base64Url())).isEqualTo(token);
        assertThat(Token.of(token.bytes())).isEqualTo(token).hasSameHashCodeAs(token);
        assertThatThrownBy(() -> Token.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIndexKeyIsTheFirstEightBytesBigEndian() {
        Token token = tokeniser.token(CanonicalField.NIK, "3171011505900001");

        assertThat(token.indexKey())
                .isEqualTo(Long.parseUnsignedLong(token.hex().substring(0, 16), 16));
    }

    @Test
    void aTokensBytesCannotBeChangedFromOutside() {
        Token token = tokeniser.token(CanonicalField.NIK, "3171011505900001");
        byte[] bytes = token.bytes();
        bytes[0] ^= 1;

        assertThat(token.bytes()).isNotEqualTo(bytes);
    }

    @Test
    void noToStringShowsTheKeyOrAWholeToken() {
        Token token = tokeniser.token(CanonicalField.NIK, "3171011505900001");
        String keyText = new String(KEY, StandardCharsets.US_ASCII);

        assertThat(tokeniser.toString())
                .contains(tokeniser.keyId())
                .doesNotContain(keyText)
                .doesNotContain("leakwatch-test-key")
                .doesNotContain(HexFormat.of().formatHex(KEY))
                .doesNotContain(Base64.getEncoder().encodeToString(KEY));
        assertThat(token.toString())
                .doesNotContain(token.hex().substring(0, 8))
                .doesNotContain(token.base64Url().substring(0, 8));
    }

    @Test
    void theKeyIdTellsKeysApartAndShowsNothingOfTheKey() {
        assertThat(tokeniser.keyId())
                .hasSize(8)
                .isEqualTo(new Tokeniser(KEY.clone()).keyId())
                .isNotEqualTo(new Tokeniser(OTHER_KEY).keyId());
    }

    @Test
    void oneTokeniserServesManyThreads() throws Exception {
        List<String> values =
                IntStream.range(0, 2_000).mapToObj(i -> "value " + i).toList();
        List<Token> sequential = values.stream()
                .map(v -> tokeniser.token(CanonicalField.FULL_NAME, v))
                .toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Token>>> runs = new ArrayList<>();
            for (int run = 0; run < 8; run++) {
                runs.add(pool.submit(() -> values.stream()
                        .map(v -> tokeniser.token(CanonicalField.FULL_NAME, v))
                        .toList()));
            }
            for (Future<List<Token>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
