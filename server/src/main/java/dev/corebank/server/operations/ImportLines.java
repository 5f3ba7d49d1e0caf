package dev.corebank.server.operations;

import dev.corebank.ledger.Transfer;
import dev.corebank.server.transfers.TransferRequest;
import dev.corebank.server.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the lines of an import into transfers, with the same rules as POST /v1/transfers (the same request record and
 * the same strict JSON reading), or into a per-line error: {@code malformed} (not JSON, not CSV, a field of the wrong
 * type), {@code invalid_field} (a value the API refuses), {@code line_too_long} or {@code not_utf8}.
 */
final class ImportLines {
    /** A line's transfer, or its error code and detail. */
    record Parsed(Transfer transfer, String error, String detail) {
        static Parsed of(Transfer transfer) {
            return new Parsed(transfer, null, null);
        }

        static Parsed failed(String error, String detail) {
            return new Parsed(null, error, detail);
        }
    }

    private final JsonMapper json;
    private final ImportFormat format;
    private final Map<String, Integer> columns;

    /** @param columns for CSV: the index of each column, from the header line */
    private ImportLines(JsonMapper json, ImportFormat format, Map<String, Integer> columns) {
        this.json = json;
        this.format = format;
        this.columns = columns;
    }

    static ImportLines ndjson(JsonMapper json) {
        return new ImportLines(json, ImportFormat.NDJSON, Map.of());
    }

    /** For CSV with this header line; throws IllegalArgumentException naming what is wrong with it. */
    static ImportLines csv(JsonMapper json, String header) {
        List<String> names = CsvFields.split(header);
        Map<String, Integer> columns = new HashMap<>();
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index).trim();
            if (!ImportFormat.CSV_COLUMNS.contains(name)) {
                throw new IllegalArgumentException("unknown CSV column column=" + name + " columns="
                        + ImportFormat.CSV_COLUMNS);
            }
            if (columns.put(name, index) != null) {
                throw new IllegalArgumentException("a CSV column is named twice column=" + name);
            }
        }
        for (String required : ImportFormat.CSV_REQUIRED_COLUMNS) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException("the CSV header lacks a column column=" + required);
            }
        }
        return new ImportLines(json, ImportFormat.CSV, Map.copyOf(columns));
    }

    Parsed parse(LineReader.Line line) {
        if (line.tooLong()) {
            return Parsed.failed("line_too_long", "the line is longer than the limit");
        }
        if (line.notUtf8()) {
            return Parsed.failed("not_utf8", "the line is not UTF-8");
        }
        if (line.text().isBlank()) {
            return Parsed.failed("malformed", "the line is blank");
        }
        try {
            TransferRequest request = format == ImportFormat.NDJSON ? json.readValue(line.text(), TransferRequest.class)
                    : fromCsv(line.text());
            Transfer transfer = request.toTransfer("");
            if (dev.corebank.ledger.TransferFlags.has(transfer.flags(), dev.corebank.ledger.TransferFlags.LINKED)) {
                // A chain could be cut at a batch boundary; an import's lines stand alone.
                return Parsed.failed("invalid_field", "LINKED is not allowed in an import field=flags");
            }
            return Parsed.of(transfer);
        } catch (JacksonException malformed) {
            return Parsed.failed("malformed", firstLine(malformed.getOriginalMessage()));
        } catch (ApiException invalid) {
            return Parsed.failed(invalid.code(), invalid.getMessage());
        } catch (IllegalArgumentException malformed) {
            return Parsed.failed("malformed", malformed.getMessage());
        }
    }

    private TransferRequest fromCsv(String text) {
        List<String> fields = CsvFields.split(text);
        if (fields.size() != columns.size()) {
            throw new IllegalArgumentException("the line has " + fields.size() + " fields, the header "
                    + columns.size());
        }
        return new TransferRequest(uuid(fields, "id"), uuid(fields, "debitAccountId"),
                uuid(fields, "creditAccountId"), number(fields, "amount"), field(fields, "ledger"),
                integer(fields, "code"), null, null, null, field(fields, "reference"));
    }

    private String field(List<String> fields, String name) {
        Integer index = columns.get(name);
        if (index == null) {
            return null;
        }
        String value = fields.get(index);
        return value.isEmpty() ? null : value;
    }

    private UUID uuid(List<String> fields, String name) {
        String value = field(fields, name);
        if (value == null) {
            return null;
        }
        if (!dev.corebank.server.web.Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a UUID in canonical form field=" + name);
        }
        return UUID.fromString(value);
    }

    private Long number(List<String> fields, String name) {
        String value = field(fields, name);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("not an integer field=" + name);
        }
    }

    private Integer integer(List<String> fields, String name) {
        Long value = number(fields, name);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw new IllegalArgumentException("out of range field=" + name);
        }
        return value == null ? null : value.intValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not a JSON object of a transfer";
        }
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        return first.length() <= 200 ? first : first.substring(0, 200);
    }

    /** RFC 4180 fields of one line: comma-separated, a field in double quotes may hold commas and doubled quotes. */
    static final class CsvFields {
        private CsvFields() {
        }

        static List<String> split(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            for (int index = 0; index < line.length(); index++) {
                char c = line.charAt(index);
                if (quoted) {
                    if (c == '"' && index + 1 < line.length() && line.charAt(index + 1) == '"') {
                        field.append('"');
                        index++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (wasQuoted) {
                    throw new IllegalArgumentException("text after a closing quote at index=" + index);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("a quoted field is not closed");
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
