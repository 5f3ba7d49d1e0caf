package dev.corebank.server.observability;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS log lines, written faster. The line is Spring Boot's own ECS formatter's, with every setting it
 * reads ({@code logging.structured.ecs.*}, {@code logging.structured.json.*}, the customizer {@link EcsTraceFields});
 * what differs is how it is made. The common line (no exception, no markers, plain pairs) is written by
 * {@link EcsLineWriter} into one {@code StringBuilder}; any other line, or every line under settings that writer does
 * not cover, by Spring Boot's formatter. Either way the line is then encoded once.
 *
 * <p>Spring Boot's formatter turns a line into bytes by writing its JSON through an unbuffered
 * {@code OutputStreamWriter}, so every name, value and punctuation mark of the line is a separate call into the
 * charset encoder (spring-projects/spring-boot#49428). Under HTTP load that encoding was a third of the server's CPU
 * (a line per request in the access log, and one per journal event in the business-event log), more than the
 * request itself, and making the line was a sixth more.
 *
 * <p>Named in {@code logging.structured.format.console} and {@code .file} by {@link LogSettings}; Spring Boot
 * instantiates it with the arguments below, as it would its own ECS formatter. That formatter is not public, so it is
 * made through its constructor by reflection: an upgrade of Spring Boot that changes it fails the start at once, with
 * this class named, and {@code EcsLogFormatterTest} fails the build before that.
 */
public final class EcsLogFormatter implements StructuredLogFormatter<ILoggingEvent> {
    static final String SPRING_ECS_FORMATTER =
            "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";

    private final StructuredLogFormatter<ILoggingEvent> ecs;
    /** The common line's writer, or null when the settings are not the ones it writes exactly. */
    private final EcsLineWriter lines;

    public EcsLogFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> jsonMembersCustomizerBuilder) {
        this.ecs = springEcsFormatter(environment, stackTracePrinter, contextPairs, throwableProxyConverter,
                jsonMembersCustomizerBuilder);
        this.lines = EcsLineWriter.of(environment);
    }

    @Override
    public String format(ILoggingEvent event) {
        String line = lines == null ? null : lines.write(event);
        return line != null ? line : ecs.format(event);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    @SuppressWarnings("unchecked")
    private static StructuredLogFormatter<ILoggingEvent> springEcsFormatter(Environment environment,
            StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> jsonMembersCustomizerBuilder) {
        try {
            Constructor<?> constructor = Class.forName(SPRING_ECS_FORMATTER).getDeclaredConstructor(Environment.class,
                    StackTracePrinter.class, ContextPairs.class, ThrowableProxyConverter.class,
                    StructuredLoggingJsonMembersCustomizer.Builder.class);
            constructor.setAccessible(true);
            return (StructuredLogFormatter<ILoggingEvent>) constructor.newInstance(environment, stackTracePrinter,
                    contextPairs, throwableProxyConverter, jsonMembersCustomizerBuilder);
        } catch (ReflectiveOperationException | RuntimeException unusable) {
            Throwable cause = unusable instanceof InvocationTargetException thrown ? thrown.getCause() : unusable;
            throw new IllegalStateException(EcsLogFormatter.class.getName() + " cannot make Spring Boot's ECS"
                    + " formatter " + SPRING_ECS_FORMATTER + " (has Spring Boot changed it?): " + cause, cause);
        }
    }
}
