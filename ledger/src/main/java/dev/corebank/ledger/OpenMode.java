package dev.corebank.ledger;

/** How a {@link Storage} opens a file. */
public enum OpenMode {
    /** An existing file, for reading only. */
    READ,
    /** An existing file, for reading and writing. */
    WRITE,
    /** A new file, for reading and writing; fails when the file exists. */
    CREATE_NEW,
    /** A file created when missing and emptied when present, for reading and writing. */
    CREATE_OR_TRUNCATE
}
