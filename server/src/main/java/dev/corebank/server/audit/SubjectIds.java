package dev.corebank.server.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ids a request names: UUID path variables, and UUID values of id fields ({@code id}, {@code accountId},
 * {@code debitAccountId}, {@code transferId}, {@code pendingId}, ...) anywhere in a JSON body. Only ids are taken from
 * the body, never other values, so secrets in a body never reach the audit trail.
 */
final class SubjectIds {
    private final JsonMapper json;
    private final int idsMax;

    SubjectIds(JsonMapper json, int idsMax) {
        this.json = json;
        this.idsMax = idsMax;
    }

    List<UUID> of(Map<String, String> pathVariables, byte[] body) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (pathVariables != null) {
            for (String value : pathVariables.values()) {
                add(ids, value);
            }
        }
        if (body != null && body.length > 0) {
            try {
                collect(json.readTree(body), null, ids);
            } catch (RuntimeException notJson) {
                // A body that is not JSON names no ids; the request itself was refused or handled elsewhere.
            }
        }
        return List.copyOf(ids);
    }

    private void collect(JsonNode node, String fieldName, Set<UUID> ids) {
        if (ids.size() >= idsMax || node == null) {
            return;
        }
        if (node.isString()) {
            if (fieldName != null && isIdField(fieldName)) {
                add(ids, node.asString());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, fieldName, ids);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), field.getKey(), ids);
            }
        }
    }

    static boolean isIdField(String name) {
        return name.equals("id") || name.endsWith("Id") || name.endsWith("Ids");
    }

    private void add(Set<UUID> ids, String value) {
        if (ids.size() < idsMax && value != null && value.length() == 36) {
            try {
                ids.add(UUID.fromString(value));
            } catch (IllegalArgumentException notAnId) {
                // Not a UUID: not one of the ledger's ids.
            }
        }
    }
}
