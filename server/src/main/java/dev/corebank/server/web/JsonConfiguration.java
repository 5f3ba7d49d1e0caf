package dev.corebank.server.web;

import java.util.UUID;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON reading, because a lenient reader turns client mistakes into money movements: unknown fields are
 * refused (a misspelt {@code "amout"} must not be silently dropped), a number is never read from a string or a
 * fraction (money never passes through floating point), a string is never read from a number or boolean, duplicate
 * keys are refused, and UUIDs must be in canonical form.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {
    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        SimpleModule strictIds = new SimpleModule("corebank-strict-ids").addDeserializer(UUID.class,
                new CanonicalUuidDeserializer());
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(strictIds);
    }

    /** Reads only the canonical 36-character form; Jackson's default also takes base64 of the 16 bytes. */
    private static final class CanonicalUuidDeserializer extends ValueDeserializer<UUID> {
        @Override
        public UUID deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) context.handleUnexpectedToken(UUID.class, parser);
            }
            String text = parser.getString();
            if (!Uuids.isCanonical(text)) {
                return (UUID) context.handleWeirdStringValue(UUID.class, text,
                        "expected a UUID in canonical form such as 3f2b8c1e-7d4a-4b6e-9c0d-2a1b3c4d5e6f");
            }
            return UUID.fromString(text);
        }
    }
}
