package dev.corebank.server.eod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A year of daily end of day for accounts of four products, against an independent calculation written here from
 * the rules in docs/products-and-eod.md (not from the code): tiers, bands, a minimum balance, monthly and quarterly
 * posting with monthly compounding, four day counts, and the leap day of 2028. Each posting of each account must match
 * the calculation within one minor unit, and so must the balances at the end.
 */
class YearOfEndOfDayTest extends EodTestSupport {
    private static final MathContext EXACT = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A product as the calculation sees it. */
    record Rule(String id, int code, String rateType, long[] from, BigDecimal[] ratesPercent, String dayCount,
                long minimumMinor, String compounding, String posting) {
        String json() {
            StringBuilder tiers = new StringBuilder();
            for (int index = 0; index < from.length; index++) {
                tiers.append(index == 0 ? "" : ",").append("{\"fromMinor\":").append(from[index])
                        .append(",\"ratePercent\":").append(ratesPercent[index].toPlainString()).append('}');
            }
            return """
                    {"id":"%s","kind":"SAVINGS","code":%d,"interest":{"rateType":"%s","tiers":[%s],"dayCount":"%s",
                     "minimumBalanceMinor":%d,"compounding":"%s","posting":"%s"}}"""
                    .formatted(id, code, rateType, tiers, dayCount, minimumMinor, compounding, posting);
        }
    }

    private static final Rule TIERED = new Rule("year-tiered", 2201, "TIERED", new long[] {0, 500_000, 2_000_000},
            rates("1.00", "2.00", "3.00"), "ACT_365F", 10_000, "MONTHLY", "MONTHLY");
    private static final Rule BANDED = new Rule("year-banded", 2202, "BANDED", new long[] {0, 100_000},
            rates("1.00", "4.00"), "ACT_ACT_ISDA", 0, "MONTHLY", "QUARTERLY");
    private static final Rule THIRTY = new Rule("year-thirty", 2203, "FLAT", new long[] {0}, rates("5.00"),
            "THIRTY_360", 0, "MONTHLY", "MONTHLY");
    private static final Rule ACT360 = new Rule("year-act360", 2204, "FLAT", new long[] {0}, rates("2.50"),
            "ACT_360", 0, "QUARTERLY", "QUARTERLY");

    /** One account of the calculation. */
    static final class Model {
        final Rule rule;
        final UUID id;
        long balance;
        BigDecimal accrued = BigDecimal.ZERO;
        BigDecimal compounded;
        long postedTotal;

        Model(Rule rule, UUID id) {
            this.rule = rule;
            this.id = id;
        }
    }

    @Test
    void aYearOfDailyEndOfDayPostsWhatAnIndependentCalculationExpects() {
        for (Rule rule : List.of(TIERED, BANDED, THIRTY, ACT360)) {
            ApiClient.Response defined = api().post("/v1/products", ADMIN_KEY, rule.json());
            assertThat(defined.status()).as(defined.toString()).isIn(200, 201);
        }
        LocalDate start = businessDate();
        LocalDate last = start.plusDays(365);
        assertThat(start).as("the year must hold the leap day of 2028").isBeforeOrEqualTo(LocalDate.of(2028, 2, 29));

        List<Model> models = List.of(model(TIERED, 400_000), model(TIERED, 5_000), model(BANDED, 1_500_000),
                model(THIRTY, 1_234_567), model(ACT360, 999_999));
        Map<Long, List<long[]>> script = new HashMap<>();
        // {model index, amount}: deposits positive, withdrawals negative, on days counted from the start.
        script.put(74L, List.of(new long[] {0, 300_000}));
        script.put(150L, List.of(new long[] {1, 20_000}, new long[] {2, -1_450_000}));
        script.put(191L, List.of(new long[] {0, 2_000_000}));
        script.put(274L, List.of(new long[] {0, -2_650_000}, new long[] {3, 500_000}));

        int periods = 0;
        // End of day runs as a catch-up up to each day the test must act on (a posting, a payment before it), which
        // gives the same postings as running it day by day (CatchUpTest), while the calculation goes day by day.
        LocalDate closedThrough = start.minusDays(1);
        for (LocalDate day = start; !day.isAfter(last); day = day.plusDays(1)) {
            List<long[]> moves = script.getOrDefault(ChronoUnit.DAYS.between(start, day), List.of());
            if (!moves.isEmpty() && closedThrough.isBefore(day.minusDays(1))) {
                closedThrough = runThrough(closedThrough, day.minusDays(1));
            }
            for (long[] move : moves) {
                Model model = models.get((int) move[0]);
                ApiClient.Response moved = move[1] > 0 ? deposit(model.id, move[1]) : withdraw(model.id, -move[1]);
                assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
                model.balance += move[1];
            }
            boolean postingDay = periodEnds(day, "MONTHLY") || day.equals(last);
            if (postingDay) {
                closedThrough = runThrough(closedThrough, day);
            }
            for (Model model : models) {
                Long expected = accrueOneDay(model, day);
                if (expected != null) {
                    periods++;
                    long paid = api().get("/v1/reports/interest/" + model.id, ADMIN_KEY).number("paidMinor");
                    assertThat(paid - model.postedTotal).as("%s posted on %s", model.rule.id(), day)
                            .isBetween(expected - 1, expected + 1);
                    model.postedTotal = paid;
                    model.balance += expected;
                }
            }
        }
        assertThat(periods).as("posting periods checked").isGreaterThanOrEqualTo(2 * 12 + 4 + 12 + 4);
        for (Model model : models) {
            assertThat(balance(model.id)).as("balance of %s", model.rule.id())
                    .isBetween(model.balance - 12, model.balance + 12);
        }
        assertThat(models.get(1).postedTotal).as("below the minimum balance until it is topped up").isPositive();
    }

    private Model model(Rule rule, long opening) {
        UUID id = open(rule.id(), "USD", "");
        assertThat(deposit(id, opening).status()).isEqualTo(201);
        Model model = new Model(rule, id);
        model.balance = opening;
        return model;
    }

    /** Runs end of day for the days after {@code closedThrough} through {@code through}; returns {@code through}. */
    private LocalDate runThrough(LocalDate closedThrough, LocalDate through) {
        endOfDay.start(through);
        Awaitility.await("end of day through " + through).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> endOfDay.run(through) != null && endOfDay.run(through).state() != EodRun.State.RUNNING);
        for (LocalDate day = closedThrough.plusDays(1); !day.isAfter(through); day = day.plusDays(1)) {
            assertThat(endOfDay.run(day).state()).as("end of day %s: %s", day, endOfDay.run(day).failure())
                    .isEqualTo(EodRun.State.COMPLETED);
        }
        return through;
    }

    /**
     * The day's interest, by the documented rules; returns the amount posted when the day ends a posting period.
     * Interest is on the end-of-day balance plus, after a compounding date inside the posting period, the interest
     * accrued until then in whole minor units; nothing below the minimum balance.
     */
    private static Long accrueOneDay(Model model, LocalDate day) {
        Rule rule = model.rule;
        long base = model.balance + (model.compounded == null ? 0
                : model.compounded.setScale(0, RoundingMode.FLOOR).longValueExact());
        if (base > 0 && base >= rule.minimumMinor()) {
            model.accrued = model.accrued.add(yearly(rule, base).multiply(dayFraction(rule.dayCount(), day), EXACT),
                    EXACT);
        }
        boolean posting = periodEnds(day, rule.posting());
        if (!posting && periodEnds(day, rule.compounding())) {
            model.compounded = model.accrued;
        }
        if (!posting) {
            return null;
        }
        long posted = model.accrued.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        model.accrued = model.accrued.subtract(BigDecimal.valueOf(posted));
        model.compounded = null;
        return posted;
    }

    private static BigDecimal yearly(Rule rule, long balance) {
        BigDecimal total = BigDecimal.ZERO;
        int tier = 0;
        for (int index = 0; index < rule.from().length; index++) {
            if (balance >= rule.from()[index]) {
                tier = index;
            }
        }
        if (!rule.rateType().equals("BANDED")) {
            return BigDecimal.valueOf(balance).multiply(rule.ratesPercent()[tier]).divide(HUNDRED, EXACT);
        }
        for (int index = 0; index <= tier; index++) {
            long upTo = index == tier ? balance : rule.from()[index + 1];
            total = total.add(BigDecimal.valueOf(upTo - rule.from()[index]).multiply(rule.ratesPercent()[index]));
        }
        return total.divide(HUNDRED, EXACT);
    }

    /** One day's year fraction, written from the convention's definition. */
    private static BigDecimal dayFraction(String dayCount, LocalDate day) {
        return switch (dayCount) {
            case "ACT_365F" -> BigDecimal.ONE.divide(BigDecimal.valueOf(365), EXACT);
            case "ACT_360" -> BigDecimal.ONE.divide(BigDecimal.valueOf(360), EXACT);
            case "ACT_ACT_ISDA" -> BigDecimal.ONE.divide(BigDecimal.valueOf(day.lengthOfYear()), EXACT);
            case "THIRTY_360" -> {
                LocalDate next = day.plusDays(1);
                int d1 = Math.min(day.getDayOfMonth(), 30);
                int d2 = d1 == 30 ? Math.min(next.getDayOfMonth(), 30) : next.getDayOfMonth();
                long days = 360L * (next.getYear() - day.getYear()) + 30L * (next.getMonthValue()
                        - day.getMonthValue()) + (d2 - d1);
                yield BigDecimal.valueOf(days).divide(BigDecimal.valueOf(360), EXACT);
            }
            default -> throw new IllegalArgumentException(dayCount);
        };
    }

    private static boolean periodEnds(LocalDate day, String period) {
        boolean monthEnd = day.equals(YearMonth.from(day).atEndOfMonth());
        return period.equals("MONTHLY") ? monthEnd : monthEnd && day.getMonthValue() % 3 == 0;
    }

    private static BigDecimal[] rates(String... percents) {
        BigDecimal[] rates = new BigDecimal[percents.length];
        for (int index = 0; index < percents.length; index++) {
            rates[index] = new BigDecimal(percents[index]);
        }
        return rates;
    }

}
