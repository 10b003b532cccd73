package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.platform.privacy.NikValidation.Reason;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTokeniserTest {

    private static final Map<String, String> SAMPLE_ROW = Map.of(
            "nik", "3171015505900002",
            "card_no", "0001234567890",
            "full_name", "SITI NURHALIZA",
            "birth_date", "15/05/1990",
            "sex", "P",
            "phone", "0812-3456-7890",
            "regency_code", "31.71",
            "updated_at", "2021-05-12 10:15:00");

    /** The same member as the registry export writes her. */
    private static final Map<String, String> REGISTRY_ROW = Map.of(
            "nik", "3171015505900002",
            "card_no", "0001 2345 67890",
            "full_name", "Siti  Nurhaliza",
            "birth_date", "1990-05-15",
            "sex", "F",
            "phone", "+62 812 3456 7890",
            "regency_code", "3171",
            "status", "ACTIVE",
            "valid_from", "2014-01-01");

    private final Tokeniser tokeniser = new Tokeniser(TokeniserTest.KEY);
    private final RowTokeniser rows = new RowTokeniser(tokeniser);

    @Test
    void aFullRowHasEveryToken() {
        TokenisedRow row = rows.tokenise(SAMPLE_ROW);

        assertThat(row.nikValid()).isTrue();
        assertThat(row.nikInvalidReason()).isNull();
        assertThat(row.nikToken()).isEqualTo(tokeniser.token(CanonicalField.NIK, "3171015505900002"));
        assertThat(row.fieldTokens()).containsOnlyKeys(CanonicalField.COMPARED);
        assertThat(row.token(CanonicalField.FULL_NAME))
                .contains(tokeniser.token(CanonicalField.FULL_NAME, "siti nurhaliza"));
        assertThat(row.token(CanonicalField.PHONE)).contains(tokeniser.token(CanonicalField.PHONE, "6281234567890"));
        assertThat(row.token(CanonicalField.BIRTH_DATE))
                .contains(tokeniser.token(CanonicalField.BIRTH_DATE, "1990-05-15"));
        assertThat(row.token(CanonicalField.SEX)).contains(tokeniser.token(CanonicalField.SEX, "F"));
        assertThat(row.nameBloom()).isEqualTo(new NameBloomEncoder(tokeniser).encode("siti nurhaliza"));
        assertThat(row.nameBloomBytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).hasSize(125));
        assertThat(row.updatedAt()).isEqualTo(LocalDate.of(2021, 5, 12));
    }

    @Test
    void aSampleRowAndTheRegistrysVersionOfThatMemberAgreeFieldByField() {
        TokenisedRow sample = rows.tokenise(SAMPLE_ROW);
        TokenisedRow registry = rows.tokenise(REGISTRY_ROW);

        assertThat(sample.nikToken()).isEqualTo(registry.nikToken());
        assertThat(sample.fieldTokens()).isEqualTo(registry.fieldTokens());
        assertThat(sample.nameBloom().dice(registry.nameBloom())).isEqualTo(1.0);
        assertThat(registry.updatedAt()).isNull();
    }

    @Test
    void anInvalidNikHasAReasonAndNoToken() {
        Map<String, String> row = new HashMap<>(SAMPLE_ROW);
        row.put("nik", "3171013505900002");

        TokenisedRow tokenised = rows.tokenise(row);

        assertThat(tokenised.nikValid()).isFalse();
        assertThat(tokenised.nikInvalidReason()).isEqualTo(Reason.DATE);
        assertThat(tokenised.nikToken()).isNull();
        assertThat(tokenised.fieldTokens()).containsOnlyKeys(CanonicalField.COMPARED);
    }

    @Test
    void absentBlankAndUnreadableFieldsHaveNoToken() {
        Map<String, String> row = new HashMap<>();
        row.put("nik", "3171011505900001");
        row.put("full_name", "  ");
        row.put("birth_date", "30/02/1990");
        row.put("sex", null);
        row.put("phone", "-");
        row.put("updated_at", "yesterday");
        row.put("NAMA", "Siti Nurhaliza");

        TokenisedRow tokenised = rows.tokenise(row);

        assertThat(tokenised.nikValid()).isTrue();
        assertThat(tokenised.fieldTokens()).isEmpty();
        assertThat(tokenised.nameBloom()).isNull();
        assertThat(tokenised.nameBloomBytes()).isEmpty();
        assertThat(tokenised.updatedAt()).isNull();
    }

    @Test
    void aRowWithoutANikIsInvalidByLength() {
        assertThat(rows.tokenise(Map.of("full_name", "Siti")).nikInvalidReason())
                .isEqualTo(Reason.LENGTH);
    }

    @Test
    void toStringShowsNeitherPlaintextNorTokens() {
        TokenisedRow row = rows.tokenise(SAMPLE_ROW);
        String text = row.toString();

        assertThat(text)
                .contains("valid", "full_name", "2021-05-12")
                .doesNotContain("3171015505900002", "nurhaliza", "NURHALIZA", "8123456789", "0001234567890", "1990")
                .doesNotContain(
                        row.nikToken().hex().substring(0, 8),
                        row.nikToken().base64Url().substring(0, 8));
        row.fieldTokens()
                .values()
                .forEach(token -> assertThat(text)
                        .doesNotContain(token.hex().substring(0, 8))
                        .doesNotContain(token.base64Url().substring(0, 8)));
    }

    @Test
    void aRowCanHoldNoPlaintext() {
        // Text-typed components are where plaintext would go; a tokenised row has none.
        assertThat(Arrays.stream(TokenisedRow.class.getRecordComponents()).map(RecordComponent::getType))
                .doesNotContain(String.class, CharSequence.class, Nik.class, Object.class);
    }

    @Test
    void aRowIsEitherValidWithATokenOrInvalidWithAReason() {
        Token token = tokeniser.token(CanonicalField.NIK, "3171011505900001");

        assertThatThrownBy(() -> new TokenisedRow(Reason.DATE, token, Map.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenisedRow(null, null, Map.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenisedRow(null, token, Map.of(CanonicalField.NIK, token), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
