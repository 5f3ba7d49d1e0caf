package dev.corebank.server.consumers.aml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules' memory: each account's most recent postings (time and amount), a bounded number per account and a
 * bounded number of accounts, and when each rule last fired for it. Pure: time is the event's, never the clock's, so
 * the same events give the same alerts. Not thread-safe; the monitor serialises calls.
 *
 * <p>A window rule fires once and then stays quiet for that account until its window has passed since the alert, so a
 * burst raises one alert, not one per posting. The windows live in memory: after a restart they fill again from new
 * events, so a pattern that straddles a restart can go unseen.
 */
final class AmlWindows {
    private final AmlProperties rules;
    private final Map<UUID, Account> accounts;

    AmlWindows(AmlProperties rules) {
        this.rules = rules;
        this.accounts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Account> eldest) {
                return size() > rules.accountsTrackedMax();
            }
        };
    }

    private static final class Account {
        final ArrayDeque<long[]> postings = new ArrayDeque<>();
        final Map<AmlRule, Long> lastAlertMillis = new EnumMap<>(AmlRule.class);
    }

    /** Adds a posting of {@code amountMinor} at {@code timeMillis} on the account; returns the rules that fire. */
    List<AmlRule> record(UUID accountId, long timeMillis, long amountMinor) {
        Account account = accounts.computeIfAbsent(accountId, id -> new Account());
        account.postings.addLast(new long[] {timeMillis, amountMinor});
        while (account.postings.size() > rules.windowPostingsMax()) {
            account.postings.removeFirst();
        }
        List<AmlRule> fired = new ArrayList<>(2);
        if (amountMinor > rules.thresholdMinor()) {
            fired.add(AmlRule.AMOUNT_OVER_THRESHOLD);
        }
        long velocityWindowMillis = rules.velocityWindowSeconds() * 1000;
        if (count(account, timeMillis, velocityWindowMillis, Long.MIN_VALUE, Long.MAX_VALUE)
                > rules.velocityPostingsMax() && quiet(account, AmlRule.VELOCITY, timeMillis, velocityWindowMillis)) {
            fired.add(AmlRule.VELOCITY);
        }
        long structuringWindowMillis = rules.structuringWindowSeconds() * 1000;
        boolean justUnder = amountMinor >= rules.structuringFloorMinor() && amountMinor <= rules.thresholdMinor();
        if (justUnder && count(account, timeMillis, structuringWindowMillis, rules.structuringFloorMinor(),
                rules.thresholdMinor()) >= rules.structuringCount()
                && quiet(account, AmlRule.STRUCTURING, timeMillis, structuringWindowMillis)) {
            fired.add(AmlRule.STRUCTURING);
        }
        for (AmlRule rule : fired) {
            account.lastAlertMillis.put(rule, timeMillis);
        }
        return fired;
    }

    int accountsTracked() {
        return accounts.size();
    }

    private static int count(Account account, long nowMillis, long windowMillis, long amountMin, long amountMax) {
        int count = 0;
        for (long[] posting : account.postings) {
            boolean inWindow = posting[0] > nowMillis - windowMillis && posting[0] <= nowMillis;
            if (inWindow && posting[1] >= amountMin && posting[1] <= amountMax) {
                count++;
            }
        }
        return count;
    }

    private static boolean quiet(Account account, AmlRule rule, long nowMillis, long windowMillis) {
        Long last = account.lastAlertMillis.get(rule);
        return last == null || nowMillis - last >= windowMillis || nowMillis < last;
    }
}
