package shop.projector.apply;

import java.util.Map;

import shop.contracts.view.ViewKeys;

/**
 * Which generation of each view family the projector writes, read once per batch: the current one, which
 * readers use, and the one a rebuild is filling, if any.
 */
record Generations(Map<ViewKeys.Family, Long> current, Map<ViewKeys.Family, Long> building) {

    /** Before the first read: generation 0 of every family, the one a fresh Redis has. */
    static final Generations INITIAL = new Generations(Map.of(), Map.of());

    boolean sameCurrentAs(Generations other) {
        return java.util.Arrays.stream(ViewKeys.Family.values()).allMatch(family -> currentOf(family) == other.currentOf(family));
    }

    long currentOf(ViewKeys.Family family) {
        return current.getOrDefault(family, 0L);
    }

    /** The generation being rebuilt, or null when no rebuild runs. */
    Long buildingOf(ViewKeys.Family family) {
        return building.get(family);
    }
}
