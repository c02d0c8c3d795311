package shop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Ticker;

class CachingJwtDecoderTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger checks = new AtomicInteger();

    /** Stands for the real decoder: every call is a full check, and a token past its exp is refused. */
    private final JwtDecoder checking = token -> {
        checks.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not match");
        }
        Instant expiresAt = Instant.parse(token.substring(token.indexOf('@') + 1));
        if (!now.isBefore(expiresAt)) {
            throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token", "expired", null)));
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token.substring(0, token.indexOf('@')))
                .expiresAt(expiresAt).build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(checking, clock, ticker);

    private void advance(Duration duration) {
        now = now.plus(duration);
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aTokenIsCheckedOnceThenAnsweredFromMemory() {
        String token = "alice@2026-11-25T11:00:00Z";
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        advance(Duration.ofMinutes(1));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aTokenThatFailsIsCheckedAgainEveryTime() {
        assertThatThrownBy(() -> decoder.decode("bad@2026-11-25T11:00:00Z")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad@2026-11-25T11:00:00Z")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = "bob@2026-11-25T10:00:30Z";
        decoder.decode(token);
        advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aLongLivedTokenIsCheckedAgainAfterTheMaximumAge() {
        String token = "carol@2026-11-26T10:00:00Z";
        decoder.decode(token);
        advance(CachingJwtDecoder.MAX_AGE.minusSeconds(1));
        decoder.decode(token);
        assertThat(checks).hasValue(1);
        advance(Duration.ofSeconds(2));
        decoder.decode(token);
        assertThat(checks).hasValue(2);
    }
}
