package dev.corebank.server.operations;

import java.util.List;

/**
 * The two file formats of a transfer import. NDJSON: one transfer per line, the JSON of POST /v1/transfers. CSV
 * (RFC 4180, UTF-8): a header line naming the columns, then one transfer per line; a field may be quoted, without line
 * breaks in it.
 */
enum ImportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    /** The CSV columns, in any order; reference may be left out. */
    static final List<String> CSV_COLUMNS = List.of("id", "debitAccountId", "creditAccountId", "amount", "ledger",
            "code", "reference");
    static final List<String> CSV_REQUIRED_COLUMNS = CSV_COLUMNS.subList(0, 6);

    private final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The format of a Content-Type, or null when it is neither. */
    static ImportFormat of(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
            case "text/csv" -> CSV;
            default -> null;
        };
    }
}
