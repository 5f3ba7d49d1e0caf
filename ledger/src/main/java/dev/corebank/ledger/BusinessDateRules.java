package dev.corebank.ledger;

/**
 * Which business date moves the engine allows. Dates are epoch days, {@link BusinessDate#NONE} for none.
 *
 * <pre>
 * state now (current, closing) | asked (current', closing')        | result
 * -----------------------------+------------------------------------+-----------------------
 * (NONE, NONE)                 | (any date, NONE)                   | OK: the first business date
 * (D, NONE)                    | (E, D) with E after D              | OK: cut-off, D is closing
 * (E, D)                       | (E, NONE)                          | OK: roll, D is closed
 * anything                     | the same as now                    | OK, nothing journaled
 * anything else                |                                    | business_date_not_next
 * </pre>
 */
final class BusinessDateRules {
    private BusinessDateRules() {
    }

    static ResultCode decide(int currentDay, int closingDay, int nextDay, int nextClosingDay) {
        boolean first = currentDay == BusinessDate.NONE && nextClosingDay == BusinessDate.NONE;
        boolean cutOff = currentDay != BusinessDate.NONE && closingDay == BusinessDate.NONE
                && nextClosingDay == currentDay && nextDay > currentDay;
        boolean roll = closingDay != BusinessDate.NONE && nextDay == currentDay && nextClosingDay == BusinessDate.NONE;
        return first || cutOff || roll ? ResultCode.OK : ResultCode.BUSINESS_DATE_NOT_NEXT;
    }
}
