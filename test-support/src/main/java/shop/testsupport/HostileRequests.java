package shop.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.http.HttpMethod;

/**
 * Generates hostile requests for an API: wrong types, huge and negative values, unicode, missing and
 * duplicated fields, malformed JSON, wrong content types and junk in the path, each derived from a valid
 * request of an endpoint. Seeded, so a failure can be replayed.
 */
public final class HostileRequests {

    /** One endpoint: its method, a path with {@code {id}} where an id goes, and a valid JSON body (or null). */
    public record Endpoint(HttpMethod method, String path, String validBody) {
    }

    public record Request(HttpMethod method, String path, String contentType, String body) {

        @Override
        public String toString() {
            String shown = body == null ? "<none>" : body.length() > 120 ? body.substring(0, 120) + "..." : body;
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path)
                    + " [" + contentType + "] " + shown;
        }
    }

    private static final String[] IDS = {"", "x", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "'%3B%20drop%20table%20product%3B--",
            "%F0%9F%92%A5", "%00", "null", "-1", "9999999999999999999999", "%E2%80%AE%E2%80%8B"};
    private static final String[] VALUES = {"null", "true", "-1", "0", "1.5", "1e309", "-9223372036854775809",
            "99999999999999999999999999", "\"\"", "\"\\u0000\"", "\"💥🛒\"", "\"\\ud800\"", "[]", "{}", "[1,2,3]",
            "\"" + "x".repeat(5000) + "\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\""};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json;charset=UTF-16",
            null};

    private HostileRequests() {
    }

    public static List<Request> generate(long seed, int count, List<Endpoint> endpoints, String validId) {
        Random random = new Random(seed);
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String id = random.nextInt(3) == 0 ? IDS[random.nextInt(IDS.length)]
                    : random.nextInt(4) == 0 ? URLEncoder.encode(randomText(random, 1 + random.nextInt(300)), StandardCharsets.UTF_8)
                    : validId;
            String path = endpoint.path().replace("{id}", id);
            if (random.nextInt(10) == 0) {
                path = path + "?minVersion=" + VALUES[random.nextInt(VALUES.length)].replace("\"", "")
                        .replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C")
                        .replace("[", "%5B").replace("]", "%5D").replace("{", "%7B").replace("}", "%7D")
                        .replace("'", "%27").replace("💥🛒", "%F0%9F%92%A5");
            }
            HttpMethod method = random.nextInt(12) == 0
                    ? new HttpMethod[]{HttpMethod.PATCH, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.POST}[random.nextInt(4)]
                    : endpoint.method();
            String body = endpoint.validBody() == null && random.nextInt(2) == 0 ? null : mutate(random, endpoint.validBody());
            requests.add(new Request(method, path, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], body));
        }
        return requests;
    }

    private static String mutate(Random random, String valid) {
        String body = valid == null ? "{}" : valid;
        return switch (random.nextInt(9)) {
            case 0 -> replaceAValue(random, body);
            case 1 -> replaceAValue(random, replaceAValue(random, body));
            case 2 -> removeAField(random, body);
            case 3 -> body.length() > 2 ? body.substring(0, 1) + body.substring(1, body.length() - 1)
                    + "," + body.substring(1, body.length() - 1) + "}" : body; // every field twice
            case 4 -> body.substring(0, random.nextInt(body.length())); // truncated
            case 5 -> new String[]{"", "[]", "\"x\"", "null", "true", "42", "{", "}", "{\"a\":", "\u0000", "[".repeat(5000)}[random.nextInt(11)];
            case 6 -> "{\"" + randomText(random, 20) + "\": " + VALUES[random.nextInt(VALUES.length)] + "}";
            case 7 -> body.replace("\"", "'");
            default -> body;
        };
    }

    private static String replaceAValue(Random random, String body) {
        int colon = nthIndexOf(body, ':', random);
        if (colon < 0) {
            return body;
        }
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        while (end < body.length()) {
            char c = body.charAt(end);
            if (c == '"' && body.charAt(end - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return body.substring(0, colon + 1) + " " + VALUES[random.nextInt(VALUES.length)] + body.substring(end);
    }

    private static String removeAField(Random random, String body) {
        String replaced = replaceAValue(random, body);
        // a field given the value null is, for records, the same as a missing field
        return replaced.replaceFirst("\"[A-Za-z]+\": (null|\\[\\]|\\{\\})", "\"ignored\": 0");
    }

    private static int nthIndexOf(String text, char wanted, Random random) {
        List<Integer> positions = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == wanted) {
                positions.add(i);
            }
        }
        return positions.isEmpty() ? -1 : positions.get(random.nextInt(positions.size()));
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(kind == 0 ? 0x20 + random.nextInt(0x5f)
                    : kind == 1 ? 0xa0 + random.nextInt(0x2000)
                    : kind == 2 ? 0x1f300 + random.nextInt(0x300)
                    : 'a' + random.nextInt(26));
        }
        return text.toString();
    }
}
