package shop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The loops answer as the expressions of Spring Security's {@code StrictHttpFirewall} (6.5) they replace. */
class HeaderCharactersTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    /** Code points near every boundary the rules draw: C0 and C1 controls, tab, unassigned, surrogates, astral. */
    private static final int[] TRICKY = {0x00, 0x01, '\t', '\n', '\r', 0x1F, ' ', 'a', '~', 0x7F, 0x80, 0x85, 0x9F, 0xA0,
            0xFF, 0x0378, 0x0379, 0x2028, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF, 0xE0001};

    @Test
    void answerAsTheFirewallsExpressionsOnAnyText() {
        Random random = new Random(20261125L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int codePoint = random.nextInt(3) == 0 ? random.nextInt(0x110000) : TRICKY[random.nextInt(TRICKY.length)];
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                    text.append((char) codePoint); // a lone surrogate, as a malformed header can carry
                } else {
                    text.appendCodePoint(codePoint);
                }
            }
            String sample = text.toString();
            assertThat(HeaderCharacters.allowedName(sample)).as("name %s", sample.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(sample).matches());
            assertThat(HeaderCharacters.allowedValue(sample)).as("value %s", sample.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(sample).matches());
        }
    }

    @Test
    void aTabIsAllowedInAValueOnly() {
        assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedValue("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(HeaderCharacters.allowedValue("a\u0085b")).isFalse();
    }
}
