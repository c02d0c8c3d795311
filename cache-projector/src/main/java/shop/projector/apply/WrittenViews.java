package shop.projector.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The views this worker wrote most recently, as objects: the next fold of a view whose stored version is still
 * the one written here starts from the object instead of parsing the view's JSON again, which was a tenth of the
 * projector's CPU. A view is a function of its aggregate's events up to its version, so the object at the
 * stored version is the stored view, whoever wrote it. Least recently used views are dropped beyond the
 * capacity. Only the listener thread uses it.
 */
final class WrittenViews {

    private final Map<String, Written> byKey;

    WrittenViews(int capacity) {
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The view written at {@code key} if its version was {@code version}, else null. */
    Object at(String key, long version) {
        Written written = byKey.get(key);
        return written != null && written.version() == version ? written.view() : null;
    }

    /** The version last written at {@code key} here, with its view, or null if none is kept. */
    Written latest(String key) {
        return byKey.get(key);
    }

    void written(String key, long version, Object view) {
        byKey.put(key, new Written(version, view));
    }

    void forget(String key) {
        byKey.remove(key);
    }

    record Written(long version, Object view) {
    }
}
