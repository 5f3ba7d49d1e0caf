package dev.corebank.ledger;

/**
 * Applies journaled events to a {@link LedgerState}, without deciding anything: the decisions were made when the
 * events were written. It checks as it goes that every event makes sense in the state it meets (accounts exist, holds
 * are pending, timestamps increase), so a journal that does not describe a valid history stops replay.
 */
final class Replayer {
    private final LedgerState state;
    /** The value date of the entry being replayed: every transfer in it was booked on this business date. */
    private int valueDay;

    Replayer(LedgerState state) {
        this.state = state;
    }

    /** Applies the events of one entry, held in {@code bytes[0, length)}. */
    void applyEntry(byte[] bytes, int length) {
        int expected = Bytes.getInt(bytes, JournalFormat.ENTRY_OFFSET_EVENT_COUNT);
        EventCodec.Decoder decoder = new EventCodec.Decoder(bytes, JournalFormat.eventsOffset(bytes, 0), length,
                JournalFormat.version(bytes, 0));
        int count = 0;
        valueDay = JournalFormat.valueDay(bytes, 0);
        while (decoder.hasNext()) {
            LedgerEvent event = decoder.next();
            apply(event, decoder.amountRequested);
            count++;
        }
        Check.that(count == expected, "entry event count mismatch expected=%d decoded=%d", expected, count);
        Check.that(decoder.offset() == length, "entry events overrun the entry length=%d", length);
        state.checkTotals();
    }

    private void apply(LedgerEvent event, long amountRequested) {
        Check.that(event.timestamp() > state.lastTimestamp, "event timestamp does not increase timestamp=%d last=%d",
                event.timestamp(), state.lastTimestamp);
        state.lastTimestamp = event.timestamp();
        switch (event) {
            case LedgerEvent.AccountOpened opened -> {
                Check.that(state.account(opened.account().id()) == null, "account opened twice id=%s",
                        opened.account().id());
                state.insertAccount(opened.account(), opened.timestamp(), opened.profile());
            }
            case LedgerEvent.ProfileChanged changed -> {
                AccountRow row = state.account(changed.accountId());
                Check.that(row != null, "profile changed on unknown account id=%s", changed.accountId());
                row.profile = changed.profile();
            }
            case LedgerEvent.ProfileChangeRejected rejected -> {
            }
            case LedgerEvent.FactRecorded recorded -> {
                // A fact is not ledger state; the server's reactors rebuild their stores from it.
            }
            case LedgerEvent.AccountFlagsChanged changed -> {
                AccountRow row = state.account(changed.accountId());
                Check.that(row != null, "flags changed on unknown account id=%s", changed.accountId());
                row.flags = changed.flags();
            }
            case LedgerEvent.TransferPosted posted -> applyTransfer(posted.transfer(), amountRequested);
            case LedgerEvent.TransferPending pending -> applyTransfer(pending.transfer(), amountRequested);
            case LedgerEvent.PendingPosted posted -> applyTransfer(posted.transfer(), amountRequested);
            case LedgerEvent.PendingVoided voided -> applyTransfer(voided.transfer(), amountRequested);
            case LedgerEvent.PendingExpired expired -> {
                int slot = state.transferSlot(expired.pendingId());
                Check.that(slot != IdIndex.ABSENT, "expiry of unknown transfer id=%s", expired.pendingId());
                state.expire(slot);
            }
            case LedgerEvent.TransferRejected rejected -> {
                // A refused attempt changed nothing; it is in the journal for the audit record.
            }
            case LedgerEvent.AccountRejected rejected -> {
            }
            case LedgerEvent.AccountChangeRejected rejected -> {
            }
            case LedgerEvent.BusinessDateChanged changed -> {
                state.businessDay = BusinessDate.epochDay(changed.businessDate().current());
                state.closingDay = BusinessDate.epochDay(changed.businessDate().closing());
            }
            case LedgerEvent.BusinessDateChangeRejected rejected -> {
            }
            case LedgerEvent.OverdraftLimitChanged changed -> {
                AccountRow row = state.account(changed.accountId());
                Check.that(row != null, "overdraft limit set on unknown account id=%s", changed.accountId());
                row.overdraftLimit = changed.limitMinor();
            }
            case LedgerEvent.OverdraftLimitRejected rejected -> {
            }
        }
    }

    private void applyTransfer(Transfer decoded, long amountRequested) {
        Check.that(state.transferSlot(decoded.id()) == IdIndex.ABSENT, "transfer applied twice id=%s", decoded.id());
        if (TransferFlags.resolvesPending(decoded.flags())) {
            int pendingSlot = state.transferSlot(decoded.pendingId());
            Check.that(pendingSlot != IdIndex.ABSENT && state.pendingStatus(pendingSlot) == PendingStatus.PENDING,
                    "post or void of a transfer that is not pending id=%s pendingId=%s", decoded.id(),
                    decoded.pendingId());
        }
        int slot = state.insertTransfer(decoded, amountRequested, true, valueDay);
        AccountRow debit = state.account(decoded.debitAccountId());
        AccountRow credit = state.account(decoded.creditAccountId());
        Check.that(debit.balanceRulesHold() && credit.balanceRulesHold(),
                "replayed transfer breaks a balance rule id=%s", decoded.id());
        state.scheduleExpiry(slot);
    }
}
