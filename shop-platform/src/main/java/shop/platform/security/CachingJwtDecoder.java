package shop.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Remembers the tokens it has validated. A client sends the same bearer token with every request until it
 * expires, and checking it again each time (base64 decoding, the RSA signature) cost about a fifth of a
 * request's CPU. A token's first use runs every check of the decoder it wraps; after that it is answered
 * from memory until it expires, and for at most {@link #MAX_AGE}, which bounds how long a token signed with
 * a key the issuer has since withdrawn stays accepted. Tokens that fail are not remembered.
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> validated;

    CachingJwtDecoder(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingJwtDecoder(JwtDecoder decoder, Clock clock, Ticker ticker) {
        this.decoder = decoder;
        this.clock = clock;
        this.validated = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(MAX_AGE).ticker(ticker).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = validated.getIfPresent(token);
        if (known != null && !expired(known)) {
            return known;
        }
        // unknown, or past its exp: the wrapped decoder decides (and rejects it once its clock skew is used up)
        Jwt jwt = decoder.decode(token);
        validated.put(token, jwt);
        return jwt;
    }

    private boolean expired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }
}
