package dev.corebank.server.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A small JSON writer for event bodies: members in a fixed order, so the same event always gives the same bytes, and
 * no reflection or intermediate tree on a path taken once per journal event. Strings are escaped as RFC 8259 asks;
 * non-ASCII characters are written as themselves (UTF-8).
 */
final class JsonText {
    private final StringBuilder text;
    private boolean first = true;

    JsonText(int capacity) {
        text = new StringBuilder(capacity);
    }

    JsonText beginObject() {
        text.append('{');
        first = true;
        return this;
    }

    JsonText endObject() {
        text.append('}');
        first = false;
        return this;
    }

    JsonText field(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonText field(String name, UUID value) {
        return field(name, value == null ? null : value.toString());
    }

    JsonText field(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    JsonText field(String name, List<String> values) {
        name(name);
        text.append('[');
        for (int index = 0; index < values.size(); index++) {
            if (index > 0) {
                text.append(',');
            }
            string(values.get(index));
        }
        text.append(']');
        return this;
    }

    JsonText base64Field(String name, byte[] value) {
        return field(name, Base64.getEncoder().encodeToString(value));
    }

    /** A member whose value is already JSON. */
    JsonText rawField(String name, String json) {
        name(name);
        text.append(json);
        return this;
    }

    /** Opens an object as the value of a member. */
    JsonText objectField(String name) {
        name(name);
        return beginObject();
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void name(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        string(name);
        text.append(':');
    }

    private void string(String value) {
        text.append('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
