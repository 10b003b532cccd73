package io.leakwatch.statement.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsMembersDropsWhiteSpaceAndKeepsNumbersAsWritten() {
        String json = "{ \"b\": [1, 0.950, {\"z\": true, \"a\": null}],\n \"a\": \"Nur'aini \\u00e9\\n\", \"c\": 1e3 }";

        assertThat(CanonicalJson.of(json))
                .isEqualTo("{\"a\":\"Nur'aini é\\n\",\"b\":[1,0.950,{\"a\":null,\"z\":true}],\"c\":1E+3}");
        assertThat(CanonicalJson.of(CanonicalJson.of(json))).isEqualTo(CanonicalJson.of(json));
    }

    @Test
    void chainsEachHashOnThePreviousOne() {
        String first = AuditChain.hash(AuditChain.GENESIS, "{}");

        // SHA-256 of 32 zero bytes followed by "{}".
        assertThat(first).hasSize(64).isNotEqualTo(AuditChain.hash(first, "{}"));
        assertThat(AuditChain.hash(AuditChain.GENESIS, "{}")).isEqualTo(first);
    }
}
