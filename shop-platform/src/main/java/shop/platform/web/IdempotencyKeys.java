package shop.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Idempotency-Key} on POST: a retried request with the same key and the same body gets the first
 * answer again (marked {@code Idempotent-Replayed: true}) and changes nothing; the same key with another
 * body is a 422; the same key while the first request still runs is a 409. Keys belong to the caller
 * (the token's subject) and are kept in Redis for {@code shop.web.idempotency-ttl}. A 5xx answer is not
 * kept, so the client can retry it; nor is a 406 or 415, which refuse how the request was sent before anything
 * runs, so that the retry with the right headers runs.
 */
class IdempotencyKeys extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String PENDING = "pending";
    /** The headers of the first answer that a replay repeats, besides its status and body. */
    private static final String[] KEPT_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG};

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final ProblemWriter problems;
    private final Duration ttl;

    IdempotencyKeys(StringRedisTemplate redis, ObjectMapper json, ProblemWriter problems, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.problems = problems;
        this.ttl = ttl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 255) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "Idempotency-Key must have 1 to 255 characters");
            return;
        }
        BufferedRequest buffered = new BufferedRequest(request);
        String fingerprint = fingerprint(request, buffered.body);
        String redisKey = "idempotency:{" + caller() + "}:" + sha256(key.getBytes(StandardCharsets.UTF_8));
        Boolean first = redis.opsForValue().setIfAbsent(redisKey, json.writeValueAsString(
                Map.of("fingerprint", fingerprint, "state", PENDING)), ttl);
        if (!Boolean.TRUE.equals(first)) {
            answerFromEarlier(request, response, redisKey, fingerprint);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(buffered, recorded);
            if (kept(recorded.getStatus())) {
                redis.opsForValue().set(redisKey, json.writeValueAsString(answer(fingerprint, recorded)), ttl);
                kept = true;
            }
        } finally {
            if (!kept) {
                redis.delete(redisKey);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static boolean kept(int status) {
        return status < 500 && status != HttpStatus.NOT_ACCEPTABLE.value() && status != HttpStatus.UNSUPPORTED_MEDIA_TYPE.value();
    }

    private void answerFromEarlier(HttpServletRequest request, HttpServletResponse response, String redisKey,
                                   String fingerprint) throws IOException {
        String stored = redis.opsForValue().get(redisKey);
        if (stored == null) {
            problems.write(request, response, HttpStatus.CONFLICT, "Conflict", "retry: the first request with this "
                    + "Idempotency-Key has just finished without an answer to keep");
            return;
        }
        Map<String, String> earlier = json.readValue(stored, new TypeReference<>() { });
        if (!fingerprint.equals(earlier.get("fingerprint"))) {
            problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request");
            return;
        }
        if (PENDING.equals(earlier.get("state"))) {
            problems.write(request, response, HttpStatus.CONFLICT, "Conflict",
                    "the first request with this Idempotency-Key is still being processed; retry shortly");
            return;
        }
        response.setStatus(Integer.parseInt(earlier.get("status")));
        for (String header : KEPT_HEADERS) {
            if (earlier.get(header) != null) {
                response.setHeader(header, earlier.get(header));
            }
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(earlier.get("body").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> answer(String fingerprint, ContentCachingResponseWrapper response) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("fingerprint", fingerprint);
        answer.put("state", "done");
        answer.put("status", Integer.toString(response.getStatus()));
        answer.put("body", new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
        for (String header : KEPT_HEADERS) {
            String value = header.equals(HttpHeaders.CONTENT_TYPE) ? response.getContentType() : response.getHeader(header);
            if (value != null) {
                answer.put(header, value);
            }
        }
        return answer;
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /** What makes two requests the same request: method, path and body. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        byte[] target = (request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[target.length + body.length];
        System.arraycopy(target, 0, all, 0, target.length);
        System.arraycopy(body, 0, all, target.length, body.length);
        return sha256(all);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, to fingerprint it, and served again to the controller. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
