package shop.system;

import io.lettuce.core.api.sync.RedisCommands;

import shop.contracts.view.ViewKeys;

/** Where a view lives now: in its family's current generation, which a rebuild (ReplayIT) moves on. */
final class Views {

    private Views() {
    }

    static String currentKey(RedisCommands<String, String> redis, ViewKeys.Family family, String id) {
        return family.key(ViewKeys.generation(redis.hget(family.control(), ViewKeys.CURRENT_FIELD)), id);
    }
}
