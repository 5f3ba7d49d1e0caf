package dev.corebank.server.projection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A real data source that, while switched on, fails the execution of statements starting with a given SQL prefix, as a
 * database that goes away in the middle of a transaction would. Everything else reaches the database unchanged.
 */
final class FailingDataSource extends DelegatingDataSource {
    private final String sqlPrefix;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean failing;

    FailingDataSource(DataSource target, String sqlPrefix) {
        super(target);
        this.sqlPrefix = sqlPrefix;
    }

    void failing(boolean value) {
        failing = value;
    }

    int failures() {
        return failures.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Forwarding(connection, (method, arguments) -> {
                    if (method.getName().equals("prepareStatement") && arguments.length > 0
                            && arguments[0] instanceof String sql && sql.startsWith(sqlPrefix)) {
                        PreparedStatement statement = (PreparedStatement) method.invoke(connection, arguments);
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, new Forwarding(statement, this::execute));
                    }
                    return Forwarding.PASS;
                }));
    }

    private Object execute(Method method, Object[] arguments) throws SQLException {
        if (failing && method.getName().startsWith("execute")) {
            failures.incrementAndGet();
            throw new SQLException("injected failure: the database went away sql=" + sqlPrefix);
        }
        return Forwarding.PASS;
    }

    /** Forwards every call to the target unless the interceptor answers it. */
    private record Forwarding(Object target, Interceptor interceptor) implements InvocationHandler {
        static final Object PASS = new Object();

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            Object[] actual = arguments == null ? new Object[0] : arguments;
            try {
                Object answer = interceptor.intercept(method, actual);
                return answer != PASS ? answer : method.invoke(target, actual);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        }
    }

    @FunctionalInterface
    private interface Interceptor {
        Object intercept(Method method, Object[] arguments) throws Exception;
    }
}
