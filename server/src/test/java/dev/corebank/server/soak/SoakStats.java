package dev.corebank.server.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The soak's numbers so far, and the summary written from them. */
final class SoakStats {
    private final long startedNanos = System.nanoTime();
    private final List<Long> restartMillis = new ArrayList<>();
    private long firstStartMillis = -1;
    private int killsUnderLoad;
    private int killsInStartUp;
    private int startUpDrawsTooLate;
    private long serverCpuNanos;
    private int serverProcesses;
    /** Reactor name to starts at which its check found the effect out of step with the journal and repaired it. */
    private final Map<String, Integer> startRepairs = new TreeMap<>();
    private boolean serverCpuIncomplete;
    /** Each copy of the embedded database after an unclean stop: its time, and the largest file copied. */
    private final List<Long> databaseCopyMillis = new ArrayList<>();
    private long databaseCopiedBytesMax;

    void startRepair(String reactor) {
        startRepairs.merge(reactor, 1, Integer::sum);
    }

    void databaseCopied(long databaseBytes, long millis) {
        databaseCopyMillis.add(millis);
        databaseCopiedBytesMax = Math.max(databaseCopiedBytesMax, databaseBytes);
    }

    void firstStart(long millis) {
        firstStartMillis = millis;
    }

    void restart(long millis) {
        restartMillis.add(millis);
    }

    void killedUnderLoad() {
        killsUnderLoad++;
    }

    void killedInStartUp() {
        killsInStartUp++;
    }

    /** A kill meant for the start-up came after the server was ready; that kill came under load instead. */
    void startUpDrawTooLate() {
        startUpDrawsTooLate++;
    }

    void serverCpu(java.util.Optional<Duration> cpu) {
        serverProcesses++;
        cpu.ifPresentOrElse(used -> serverCpuNanos += used.toNanos(), () -> serverCpuIncomplete = true);
    }

    int kills() {
        return killsUnderLoad + killsInStartUp;
    }

    int killsInStartUp() {
        return killsInStartUp;
    }

    int restarts() {
        return restartMillis.size();
    }

    /** The median restart so far, or the first start's time before there is one; a start-up kill aims inside it. */
    long typicalStartMillis() {
        return restartMillis.isEmpty() ? firstStartMillis : percentile(0.5);
    }

    long percentile(double share) {
        return percentile(restartMillis, share);
    }

    private String databaseCopies() {
        if (databaseCopyMillis.isEmpty()) {
            return "none";
        }
        return databaseCopyMillis.size() + " (script and load median=" + percentile(databaseCopyMillis, 0.5)
                + " ms max=" + percentile(databaseCopyMillis, 1) + " ms, largest file " + databaseCopiedBytesMax
                + " bytes)";
    }

    private static long percentile(List<Long> values, double share) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(share * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    long restartMax() {
        return restartMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    String summary(SoakOptions options, String launcher, SoakBook book, SoakCheckpoint checkpoint, String verdict) {
        long wallSeconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        List<String> lines = new ArrayList<>();
        lines.add("kill -9 soak: seed=" + options.seed() + " clients=" + options.clients() + " rate=" + format(
                options.ratePerSecond()) + "/s work=" + options.work());
        lines.add("server start: " + launcher);
        lines.add("kills: " + kills() + " of " + options.kills() + " (under load " + killsUnderLoad
                + ", during start-up " + killsInStartUp + "; start-up kills drawn but the server was ready first "
                + startUpDrawsTooLate + ")");
        lines.add("transfers: acknowledged=" + book.count(SoakBook.How.ACKNOWLEDGED) + " known to exist="
                + book.knownCount() + " refused=" + book.rejectedIds().size() + " repeats answered with the original="
                + book.repeatsAnswered() + " funded=" + book.funded());
        lines.add("unknown outcomes: " + book.unknownTotal() + " (existed before the kill="
                + book.count(SoakBook.How.EXISTED_ON_RETRY) + ", applied by the retry="
                + book.count(SoakBook.How.APPLIED_ON_RETRY) + ", refused by the retry=" + book.rejectedOnRetry()
                + ", repeats of a known transfer answered with the original=" + book.unknownRepeats() + ")");
        lines.add("restart to ready: restarts=" + restarts() + " median=" + percentile(0.5) + " ms p99="
                + percentile(0.99) + " ms max=" + restartMax() + " ms (first start " + firstStartMillis + " ms)");
        lines.add("checks: " + checkpoint.checks() + " (transfers looked up=" + checkpoint.transfersChecked()
                + ", history rows=" + checkpoint.historyRowsChecked() + ", journal entries held against the audit"
                + " trail=" + checkpoint.auditEntriesChecked() + ", server verifications="
                + checkpoint.verifications() + ", journal position=" + checkpoint.checkedPosition() + ")");
        lines.add("start repairs (a reactor's check at start found its effect out of step with the journal and"
                + " repaired it): " + (startRepairs.isEmpty() ? "none" : startRepairs));
        lines.add("embedded database copies after an unclean stop: " + databaseCopies());
        lines.add("server CPU: " + format(serverCpuNanos / 1e9) + " s over " + serverProcesses + " processes"
                + (serverCpuIncomplete ? " (some not reported)" : "") + "; soak CPU: " + ProcessHandle.current()
                .info().totalCpuDuration().map(cpu -> format(cpu.toMillis() / 1e3) + " s").orElse("unknown")
                + "; wall time: " + wallSeconds + " s; machine: " + Runtime.getRuntime().availableProcessors()
                + " processors");
        lines.add("VERDICT: " + verdict);
        return String.join("\n", lines);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
