package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NO_PREFIX = new byte[0];

    /** RFC 4231, section 4: test cases 1-4, 6 and 7 (5 truncates its output); 6 and 7 have keys longer than a block. */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265,"
                + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f,"
                + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,"
                + " dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd,"
                + " 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "0102030405060708090a0b0c0d0e0f10111213141516171819,"
                + " cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd,"
                + " 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    })
    void theRfc4231VectorsHold(String key, String data, String mac) {
        HmacSha256 hmac = new HmacSha256(HEX.parseHex(key));

        assertThat(HEX.formatHex(hmac.mac(hmac.start(NO_PREFIX), HEX.parseHex(data))))
                .isEqualTo(mac);
    }

    @Test
    void theRfc4231VectorsWithKeysLongerThanABlockHold() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        HmacSha256 hmac = new HmacSha256(key);
        String case6 = "Test Using Larger Than Block-Size Key - Hash Key First";
        String case7 = "This is a test using a larger than block-size key and a larger than block-size data. The key"
                + " needs to be hashed before being used by the HMAC algorithm.";

        assertThat(HEX.formatHex(hmac.mac(hmac.start(NO_PREFIX), case6.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertThat(HEX.formatHex(hmac.mac(hmac.start(NO_PREFIX), case7.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    /**
     * Every split of a message into prefix and rest, around the block boundaries where SHA-256's padding changes, under
     * keys shorter than, equal to and longer than a block: what {@link Mac} gives for the whole message.
     */
    @Test
    void aPrefixAndItsRestGiveTheMacOfTheWholeMessage() throws Exception {
        Random random = new Random(4231);
        for (int keyLength : List.of(1, 32, 63, 64, 65, 200)) {
            byte[] key = bytes(random, keyLength);
            HmacSha256 hmac = new HmacSha256(key);
            Mac reference = Mac.getInstance("HmacSHA256");
            reference.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int prefixLength : List.of(0, 1, 29, 55, 56, 63, 64, 65, 130)) {
                byte[] prefix = bytes(random, prefixLength);
                HmacSha256.Start start = hmac.start(prefix);
                for (int restLength = 0; restLength <= 140; restLength++) {
                    byte[] rest = bytes(random, restLength);
                    reference.update(prefix);

                    assertThat(hmac.mac(start, rest))
                            .as("key %d, prefix %d, rest %d bytes", keyLength, prefixLength, restLength)
                            .isEqualTo(reference.doFinal(rest));
                }
            }
        }
    }

    /** A start is shared by every thread of the upload's tokeniser pool: no MAC may see another's bytes. */
    @Test
    void threadsSharingOneStartGetTheirOwnMacs() throws Exception {
        byte[] key = bytes(new Random(7), 32);
        HmacSha256 hmac = new HmacSha256(key);
        HmacSha256.Start start = hmac.start("leakwatch/token/v1/nik\0".getBytes(StandardCharsets.US_ASCII));
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(key, "HmacSHA256"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[][]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    byte[][] macs = new byte[2_000][];
                    for (int i = 0; i < macs.length; i++) {
                        macs[i] = hmac.mac(start, Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                    }
                    return macs;
                }));
            }
            for (Future<byte[][]> result : results) {
                byte[][] macs = result.get();
                for (int i = 0; i < macs.length; i++) {
                    reference.update("leakwatch/token/v1/nik\0".getBytes(StandardCharsets.US_ASCII));
                    assertThat(macs[i])
                            .isEqualTo(reference.doFinal(Integer.toString(i).getBytes(StandardCharsets.US_ASCII)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
