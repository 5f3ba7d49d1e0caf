package dev.corebank.server.database;

/**
 * What the guard does with the embedded database before anything opens it, decided from the files it finds. Each step
 * of a copy leaves a state this table recognises, so a crash during the copy is finished or redone at the next start,
 * and the database is never replaced by a copy that was not complete.
 *
 * <pre>
 * copied   database   mark      decision
 * present  present    any       FINISH_SWAP: the copy was complete; move the database aside, then the copy into place
 * present  absent     any       FINISH_SWAP: the database was moved aside; move the copy into place
 * absent   present    present   COPY: the last run did not shut the database down cleanly (or its copy was cut short)
 * absent   present    absent    OPEN: the last run shut it down cleanly
 * absent   absent     any       OPEN: a new database (or one deleted by the operator) is made by the migrations
 * </pre>
 */
public enum StartDecision {
    OPEN,
    COPY,
    FINISH_SWAP;

    public static StartDecision of(boolean copiedPresent, boolean databasePresent, boolean markPresent) {
        if (copiedPresent) {
            return FINISH_SWAP;
        }
        if (databasePresent && markPresent) {
            return COPY;
        }
        return OPEN;
    }
}
