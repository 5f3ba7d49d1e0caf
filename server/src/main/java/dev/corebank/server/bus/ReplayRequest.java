package dev.corebank.server.bus;

/**
 * The body of {@code POST /v1/admin/events/replay}.
 *
 * @param from      the first journal sequence to publish again
 * @param publisher one publisher's name ({@code kafka-publisher} or {@code rabbitmq-publisher}); null for every one
 */
record ReplayRequest(Long from, String publisher) {
}
