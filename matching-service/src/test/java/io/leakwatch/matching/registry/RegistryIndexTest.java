package io.leakwatch.matching.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.platform.privacy.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact layout finds exactly the members it was given, including tokens that share long prefixes. */
class RegistryIndexTest {

    private static final byte[][] NO_FIELDS = new byte[RegistryIndex.FIELDS.size()][];

    @Test
    void findsEveryMemberAndNoOutsider() {
        Random random = new Random(3);
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] token = new byte[Token.LENGTH];
            random.nextBytes(token);
            tokens.add(token);
        }
        // Members that share their first 8 bytes, and two that share the first 16 and differ only in the last one.
        byte[] base = tokens.get(0).clone();
        for (int i = 0; i < 3; i++) {
            byte[] sibling = base.clone();
            sibling[20] = (byte) i;
            sibling[31] = (byte) (i * 7);
            tokens.add(sibling);
        }
        byte[] twin = tokens.get(tokens.size() - 1).clone();
        twin[31]++;
        tokens.add(twin);
        List<byte[]> members = tokens.subList(0, 4000);
        List<byte[]> sorted = new ArrayList<>(members);
        sorted.addAll(tokens.subList(5000, tokens.size()));
        sorted.sort(Arrays::compareUnsigned);
        RegistryIndexBuilder builder = new RegistryIndexBuilder(1);
        for (byte[] token : sorted) {
            builder.add(token, NO_FIELDS, null, "ACTIVE", null, null, null);
        }
        RegistryIndex index = builder.build();

        for (int m = 0; m < sorted.size(); m++) {
            assertThat(index.find(sorted.get(m))).isEqualTo(m);
        }
        for (byte[] outsider : tokens.subList(4000, 5000)) {
            assertThat(index.find(outsider)).isEqualTo(-1);
        }
        byte[] unknownSibling = base.clone();
        unknownSibling[20] = 99;
        assertThat(index.find(unknownSibling)).isEqualTo(-1);
        assertThat(index.keyIndexBytes()).isLessThanOrEqualTo(16L * index.size());
    }

    @Test
    void readsTokensAsTokenDoes() {
        Random random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[Token.LENGTH];
            random.nextBytes(bytes);
            Token token = Token.of(bytes);
            byte[] decoded = new byte[Token.LENGTH];
            Base64UrlTokens.decode(token.base64Url(), decoded);
            assertThat(decoded).isEqualTo(bytes);
            assertThat(Base64UrlTokens.indexKey(token.base64Url())).isEqualTo(token.indexKey());
        }
        String padded = Base64.getUrlEncoder().encodeToString(new byte[Token.LENGTH]);
        assertThat(Base64UrlTokens.indexKey(padded)).isZero();
        assertThatThrownBy(() -> Base64UrlTokens.indexKey("not*a*token")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base64UrlTokens.indexKey("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dictionaryCodedColumnsCompareAsKeys() {
        long[] keys = {5, -3, 5, 0, 42};
        byte[] presence = {1, 1, 1, 0, 1};
        FieldColumn column = FieldColumn.of(keys, keys.length, presence, 1);
        for (int v : new int[] {0, 1, 2, 4}) {
            assertThat(column.keyAt(v)).isEqualTo(keys[v]).isNotEqualTo(7);
        }
        assertThat(column.bytesPerVersion()).isEqualTo(1);
    }
}
