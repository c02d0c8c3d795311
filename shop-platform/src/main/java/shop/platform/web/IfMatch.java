package shop.platform.web;

import shop.platform.domain.InvalidCommand;
import shop.platform.domain.StaleVersion;

/**
 * Optimistic concurrency over HTTP: GET answers the view's version as its ETag ({@code "3"}), and a command
 * sent with {@code If-Match: "3"} is carried out only if the aggregate is still at version 3. The ETags are
 * strong, and If-Match compares strongly: {@code W/"3"} matches nothing (412).
 */
public final class IfMatch {

    private IfMatch() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header asks for; null for no header or {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            // RFC 9110: If-Match compares strongly, and a weak tag is equal to no strong one
            throw new StaleVersion("If-Match compares ETags strongly: a weak one (W/...) matches no version");
        }
        if (tag.length() < 3 || tag.length() > 21 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw new InvalidCommand("If-Match must be one ETag from a GET, e.g. \"3\"");
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw new InvalidCommand("If-Match must be one ETag from a GET, e.g. \"3\"");
        }
    }
}
