package dev.corebank.server.history;

/**
 * What a read found, and the projection position of the snapshot it read from: the read shows every journal entry up
 * to that position and none after it.
 *
 * @param value null when the account is not in the read model
 */
record AtPosition<T>(long position, T value) {
}
