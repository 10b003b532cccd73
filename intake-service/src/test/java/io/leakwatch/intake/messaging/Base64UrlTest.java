package io.leakwatch.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    private static final Base64.Encoder JDK = Base64.getUrlEncoder().withoutPadding();

    /** Every length up to a few groups past the Bloom filter's 125 bytes, every remainder, at an offset: the JDK's text. */
    @Test
    void writesWhatTheJdksUrlEncoderWithoutPaddingWrites() {
        Random random = new Random(4648);
        for (int length = 0; length <= 200; length++) {
            for (int round = 0; round < 20; round++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                byte[] out = new byte[5 + Base64Url.encodedLength(length) + 3];
                Arrays.fill(out, (byte) '*');

                int end = Base64Url.encode(data, out, 5);

                assertThat(end - 5).isEqualTo(Base64Url.encodedLength(length));
                assertThat(new String(out, 5, end - 5, StandardCharsets.US_ASCII))
                        .as("%d bytes", length)
                        .isEqualTo(JDK.encodeToString(data));
                assertThat(new String(out, 0, 5, StandardCharsets.US_ASCII)
                                + new String(out, end, 3, StandardCharsets.US_ASCII))
                        .as("nothing written outside")
                        .isEqualTo("********");
            }
        }
    }

    /** Bytes whose bits are all set or all clear meet the table's ends, where a sign extension would show. */
    @Test
    void extremeBytesEncodeAsTheJdkEncodesThem() {
        for (byte fill : new byte[] {0, -1, (byte) 0x80, 0x7f}) {
            for (int length = 0; length <= 9; length++) {
                byte[] data = new byte[length];
                Arrays.fill(data, fill);
                byte[] out = new byte[Base64Url.encodedLength(length)];

                Base64Url.encode(data, out, 0);

                assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(JDK.encodeToString(data));
            }
        }
    }
}
