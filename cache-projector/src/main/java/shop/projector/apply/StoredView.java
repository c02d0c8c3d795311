package shop.projector.apply;

/** A view as Redis holds it: its JSON and the sequence number of the last event applied. */
record StoredView(String json, long version) {
}
