package dev.corebank.server.reactor;

/** The body of {@code POST /v1/admin/reactors/{name}/rewind}: the journal position to set the checkpoint to. */
record RewindRequest(Long position) {
}
