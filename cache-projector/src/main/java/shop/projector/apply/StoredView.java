package shop.projector.apply;

/** A view as Redis holds it: its JSON (UTF-8) and the sequence number of the last event applied. */
record StoredView(byte[] json, long version) {
}
