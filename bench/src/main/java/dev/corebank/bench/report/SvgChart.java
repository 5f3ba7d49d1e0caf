package dev.corebank.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained SVG with two grouped bar charts side by side: throughput and p99 latency, one group per workload
 * and one bar per system. Both axes are logarithmic, because the systems differ by orders of magnitude and a linear
 * axis would flatten the slow ones to nothing.
 */
public final class SvgChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 500;
    private static final int PANEL_WIDTH = 500;
    private static final int PANEL_TOP = 90;
    private static final int PANEL_HEIGHT = 300;
    private static final int AXIS_LEFT = 70;
    /** The side-by-side systems keep their colour whichever of them ran; other names take the palette in order. */
    private static final Map<String, String> SYSTEM_COLORS = Map.of(
            Comparisons.ENGINE, "#1f6fb4", Comparisons.HTTP_SINGLE, "#2a9d3a", Comparisons.HTTP_BATCH, "#17a2b8",
            Comparisons.POSTGRES, "#d62728");
    private static final String[] COLORS = {"#1f6fb4", "#2a9d3a", "#17a2b8", "#d62728", "#9467bd", "#8c564b"};

    private SvgChart() {
    }

    public static String render(String title, String subtitle, List<RunResult> results) {
        List<String> systems = new ArrayList<>(new LinkedHashSet<>(results.stream().map(RunResult::system).toList()));
        List<String> workloads = new ArrayList<>(
                new LinkedHashSet<>(results.stream().map(RunResult::workload).toList()));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(svg, WIDTH / 2.0, 30, 20, "middle", "bold", title);
        text(svg, WIDTH / 2.0, 52, 12, "middle", "normal", subtitle);
        panel(svg, 30, "Throughput (transfers/s, log scale, higher is better)", systems, workloads, results,
                RunResult::transfersPerSecond, false);
        panel(svg, 30 + PANEL_WIDTH + 60, "p99 latency (ms, log scale, lower is better)", systems, workloads,
                results, run -> run.latency().p99Millis(), true);
        legend(svg, systems);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int left, String title, List<String> systems, List<String> workloads,
                              List<RunResult> results, ToDoubleFunction<RunResult> value, boolean millis) {
        double[] range = decades(results, value);
        double low = range[0];
        double high = range[1];
        int axisX = left + AXIS_LEFT;
        int plotWidth = PANEL_WIDTH - AXIS_LEFT;
        int bottom = PANEL_TOP + PANEL_HEIGHT;
        text(svg, left + PANEL_WIDTH / 2.0, PANEL_TOP - 14, 14, "middle", "bold", title);
        for (double decade = low; decade <= high + 1e-9; decade++) {
            double y = bottom - (decade - low) / (high - low) * PANEL_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#dddddd\"/>%n", axisX, y, axisX + plotWidth, y));
            double tick = Math.pow(10, decade);
            text(svg, axisX - 6, y + 4, 11, "end", "normal", millis ? Formats.millis(tick) : Formats.compact(tick));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                axisX, PANEL_TOP, axisX, bottom));
        double groupWidth = (double) plotWidth / Math.max(1, workloads.size());
        double barWidth = Math.min(40, groupWidth * 0.8 / Math.max(1, systems.size()));
        for (int group = 0; group < workloads.size(); group++) {
            double groupLeft = axisX + group * groupWidth + (groupWidth - barWidth * systems.size()) / 2;
            text(svg, axisX + (group + 0.5) * groupWidth, bottom + 18, 12, "middle", "normal", workloads.get(group));
            for (int bar = 0; bar < systems.size(); bar++) {
                RunResult run = Comparisons.find(results, systems.get(bar), workloads.get(group)).orElse(null);
                if (run == null || value.applyAsDouble(run) <= 0) {
                    continue;
                }
                double measured = value.applyAsDouble(run);
                double height = (Math.log10(measured) - low) / (high - low) * PANEL_HEIGHT;
                double x = groupLeft + bar * barWidth;
                svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                        + " height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n", x + 1, bottom - height,
                        barWidth - 2, height, color(systems, bar), escape(run.system()), escape(run.workload()),
                        millis ? Formats.millis(measured) + " ms" : Formats.count(measured) + " transfers/s"));
                text(svg, x + barWidth / 2, bottom - height - 4, 10, "middle", "normal",
                        millis ? Formats.millis(measured) : Formats.compact(measured));
            }
        }
    }

    /** Whole decades that hold every positive value, at least one decade tall. */
    static double[] decades(List<RunResult> results, ToDoubleFunction<RunResult> value) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (RunResult run : results) {
            double measured = value.applyAsDouble(run);
            if (measured > 0) {
                min = Math.min(min, measured);
                max = Math.max(max, measured);
            }
        }
        if (max == 0) {
            return new double[] {0, 1};
        }
        // Headroom below the smallest value, so that even a bar sitting exactly on a decade stays visible.
        double low = Math.floor(Math.log10(min) - 0.15);
        double high = Math.ceil(Math.log10(max) + 0.15);
        return new double[] {low, Math.max(high, low + 1)};
    }

    private static void legend(StringBuilder svg, List<String> systems) {
        double x = 100;
        double y = HEIGHT - 40;
        for (int index = 0; index < systems.size(); index++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\""
                    + " fill=\"%s\"/>%n", x, y - 11, color(systems, index)));
            text(svg, x + 20, y, 13, "start", "normal", systems.get(index));
            x += 40 + systems.get(index).length() * 8;
        }
    }

    private static String color(List<String> systems, int index) {
        return SYSTEM_COLORS.getOrDefault(systems.get(index), COLORS[index % COLORS.length]);
    }

    private static void text(StringBuilder svg, double x, double y, int size, String anchor, String weight,
                             String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\""
                + " font-weight=\"%s\" fill=\"#222\">%s</text>%n", x, y, size, anchor, weight, escape(content)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
