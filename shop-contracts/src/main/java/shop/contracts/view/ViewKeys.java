package shop.contracts.view;

import java.util.Arrays;

/**
 * Where read models live in Redis. A view is one hash holding its JSON ({@link #JSON_FIELD}) and the
 * sequence number of the last event applied ({@link #VERSION_FIELD}), so the version check and the write
 * touch one key. The aggregate id sits in a hash tag so that, in Redis Cluster, everything about one
 * aggregate shares a slot.
 *
 * <p>Views come in generations so that a rebuild can fill a new generation while the current one serves:
 * each {@link Family} has a control hash ({@link Family#control()}) naming its {@link #CURRENT_FIELD current}
 * generation and, while a rebuild runs, the {@link #BUILDING_FIELD building} one. Generation 0 is the
 * original key layout without a generation in the name, so views written before generations existed keep
 * serving. A family's control keys share one hash tag, so the scripts below may touch them together.
 */
public final class ViewKeys {

    public static final String JSON_FIELD = "json";
    public static final String VERSION_FIELD = "v";

    /** Control hash fields: the generation readers use, the one a rebuild fills, and what the rebuild needs to resume. */
    public static final String CURRENT_FIELD = "current";
    public static final String BUILDING_FIELD = "building";
    public static final String RETIRING_FIELD = "retiring";
    public static final String RETIRE_AFTER_FIELD = "retire-after";
    public static final String RESUME_AFTER_FIELD = "resume-after";
    public static final String LAST_FIELD = "last";

    /** The read models, each switched between generations on its own. */
    public enum Family {
        CARTS("cart", "carts"),
        ORDERS("order", "orders"),
        CUSTOMER_ORDERS("customer-orders", "customer-orders");

        private final String prefix;
        private final String cliName;

        Family(String prefix, String cliName) {
            this.prefix = prefix;
            this.cliName = cliName;
        }

        /** How operators name the family, e.g. {@code customer-orders}. */
        public String cliName() {
            return cliName;
        }

        public static Family named(String cliName) {
            return Arrays.stream(values()).filter(family -> family.cliName.equals(cliName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no view family " + cliName));
        }

        /** The key of aggregate (or, for customer-orders, customer) {@code id}'s view in {@code generation}. */
        public String key(long generation, String id) {
            return generationPrefix(generation) + "{" + id + "}";
        }

        /** A SCAN pattern matching every key of {@code generation} and no other generation's. */
        public String pattern(long generation) {
            return generationPrefix(generation) + "{*";
        }

        private String generationPrefix(long generation) {
            return generation == 0 ? "view:" + prefix + ":" : "view:" + prefix + ":g" + generation + ":";
        }

        /** The hash naming the current and building generation. */
        public String control() {
            return "view-gen:{" + prefix + "}";
        }

        /** Aggregate ids whose view in the building generation fell behind and must be folded again. */
        public String dirty() {
            return "view-gen:{" + prefix + "}:dirty";
        }
    }

    /** A generation as the control hash stores it; no value is generation 0. */
    public static long generation(Object stored) {
        return stored == null ? 0 : Long.parseLong(stored.toString());
    }

    /** Channels on which the projector announces live view writes start with this, then the view key. */
    public static final String CHANGES_PREFIX = "view-changed:";

    /**
     * The pub/sub channel on which each live write of the view at {@code viewKey} is announced, the message
     * being its new version: readers waiting for that view subscribe to it while they wait. One channel per
     * view, so a process receives only what it waits for; it keeps the key's hash tag, so that it could move to
     * sharded pub/sub (SPUBLISH) in Redis Cluster, where a classic PUBLISH reaches every node.
     */
    public static String changes(String viewKey) {
        return CHANGES_PREFIX + viewKey;
    }

    /**
     * The one way a view is written live: a Lua compare-and-set that replaces a view's JSON and version together,
     * and only if the stored version is still the one the new view was folded from
     * ({@code KEYS[1]} the view key; {@code ARGV} expected version or '' for none, new version, JSON).
     * Answers 1 when it wrote, 0 when the view had moved on. A write that landed is announced on
     * {@link #changes(String) its channel} in the same call, so announcing costs no round trip.
     */
    public static final String COMPARE_AND_SET = """
            local current = redis.call('HGET', KEYS[1], '%s')
            if current == false then current = '' end
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], '%s', ARGV[2], '%s', ARGV[3])
            redis.call('PUBLISH', '%s' .. KEYS[1], ARGV[2])
            return 1
            """.formatted(VERSION_FIELD, VERSION_FIELD, JSON_FIELD, CHANGES_PREFIX);

    /**
     * How a generation under construction is written, by the rebuild and by the projector alike: the view lands
     * only if it is newer than the stored one ({@code KEYS[1]} the view key; {@code ARGV} version, JSON). A fold
     * is a function of the events up to its version, so whichever writer wins, the view at a version is the
     * same. Answers 1 when it wrote.
     */
    public static final String HIGHER_VERSION_WINS = """
            local current = redis.call('HGET', KEYS[1], '%s')
            if current ~= false and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], '%s', ARGV[1], '%s', ARGV[2])
            return 1
            """.formatted(VERSION_FIELD, VERSION_FIELD, JSON_FIELD);

    /**
     * Registers a rebuild ({@code KEYS[1]} the control hash): answers the generation being built, a new one
     * unless a rebuild already registered (which the caller then resumes).
     */
    public static final String REGISTER_BUILD = """
            local building = redis.call('HGET', KEYS[1], '%1$s')
            if building then return tonumber(building) end
            local current = tonumber(redis.call('HGET', KEYS[1], '%2$s') or '0')
            local last = tonumber(redis.call('HGET', KEYS[1], '%3$s') or '0')
            local next = math.max(current, last) + 1
            redis.call('HSET', KEYS[1], '%1$s', next, '%3$s', next)
            return next
            """.formatted(BUILDING_FIELD, CURRENT_FIELD, LAST_FIELD);

    /**
     * Switches readers and the projector to the building generation ({@code KEYS[1]} control hash,
     * {@code KEYS[2]} dirty set; {@code ARGV} the building generation, the time after which the old one may be
     * deleted). Refuses (0) while any view of the new generation is known to lag; -1 if that generation is not
     * the one building. The old generation is recorded as retiring.
     */
    public static final String SWITCH = """
            if redis.call('HGET', KEYS[1], '%1$s') ~= ARGV[1] then return -1 end
            if redis.call('SCARD', KEYS[2]) > 0 then return 0 end
            local old = redis.call('HGET', KEYS[1], '%2$s') or '0'
            redis.call('HSET', KEYS[1], '%2$s', ARGV[1], '%3$s', old, '%4$s', ARGV[2])
            redis.call('HDEL', KEYS[1], '%1$s', '%5$s')
            return 1
            """.formatted(BUILDING_FIELD, CURRENT_FIELD, RETIRING_FIELD, RETIRE_AFTER_FIELD, RESUME_AFTER_FIELD);

    private ViewKeys() {
    }
}
