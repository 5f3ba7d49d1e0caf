package dev.corebank.server.reactor;

/**
 * An operator's command for a reactor whose thread is not running (the runtime stopped, or the thread ended), or that
 * did not get to the command in time. The admin API answers it with 409 {@code reactor_not_running}.
 */
final class ReactorNotRunning extends IllegalStateException {
    ReactorNotRunning(String message) {
        super(message);
    }
}
