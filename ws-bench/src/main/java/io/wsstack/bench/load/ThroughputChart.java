package io.wsstack.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of messages per second, one group per scenario and one bar per peer, written
 * as plain SVG so it renders on GitHub and needs no charting library. The axis is logarithmic:
 * 20-byte and 16 KiB scenarios differ by two orders of magnitude, and on a linear axis the large
 * messages' bars would be invisible. Each bar carries its value.
 */
final class ThroughputChart {

    private static final String[] COLORS = {"#1b9e77", "#66c2a5", "#0b5d46", "#d95f02", "#7570b3", "#e7298a", "#e6ab02", "#666666"};
    private static final int LEFT = 80;
    private static final int TOP = 50;
    private static final int PLOT_HEIGHT = 300;
    private static final int BAR_WIDTH = 22;
    private static final int LEGEND_COLUMNS = 3;

    private ThroughputChart() {
    }

    static String svg(List<Peer> peerList, List<Scenario> scenarios, List<LoadResult> results) {
        Peer[] peers = peerList.toArray(Peer[]::new);
        int groupWidth = Math.max(120, peers.length * (BAR_WIDTH + 2) + 24);
        double max = results.stream().mapToDouble(LoadResult::messagesPerSecond).max().orElse(1);
        double min = results.stream().mapToDouble(LoadResult::messagesPerSecond).filter(v -> v > 0).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(Math.max(min, 1)));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(max, 10))));
        int width = Math.max(LEFT + scenarios.size() * groupWidth + 20, LEFT + LEGEND_COLUMNS * 250);
        int height = TOP + PLOT_HEIGHT + 60 + 18 * ((peers.length + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS) + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Echo messages per second "
                        + "(log scale, higher is better; no bar = not measured)</text>%n", LEFT));
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double y = yOf(Math.pow(10, decade), lowDecade, highDecade);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n",
                    LEFT, y, width - 20, y, LEFT - 6, y + 4, Math.pow(10, decade)));
        }
        for (int g = 0; g < scenarios.size(); g++) {
            Scenario scenario = scenarios.get(g);
            int groupX = LEFT + g * groupWidth + 10;
            for (int p = 0; p < peers.length; p++) {
                double value = valueOf(results, peers[p], scenario);
                if (value <= 0) {
                    continue;
                }
                double barTop = yOf(value, lowDecade, highDecade);
                int barX = groupX + p * (BAR_WIDTH + 2);
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %,.0f msg/s"
                                + "</title></rect>"
                                + "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%s</text>%n",
                        barX, barTop, BAR_WIDTH, TOP + PLOT_HEIGHT - barTop,
                        COLORS[p % COLORS.length], escape(peers[p].label()), escape(scenario.label()), value,
                        barX + BAR_WIDTH / 2, barTop - 3, shortNumber(value)));
            }
            int labelX = groupX + peers.length * (BAR_WIDTH + 2) / 2;
            String size = String.format(Locale.ROOT, "%,d × %s", scenario.connections(), scenario.sizeLabel());
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                            + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    labelX, TOP + PLOT_HEIGHT + 16, escape(size), labelX, TOP + PLOT_HEIGHT + 30,
                    scenario.inFlight() + " in flight" + (scenario.deflate() ? ", deflate" : "")));
        }
        for (int p = 0; p < peers.length; p++) {
            int x = LEFT + (p % LEGEND_COLUMNS) * 250;
            int y = TOP + PLOT_HEIGHT + 48 + 18 * (p / LEGEND_COLUMNS);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    x, y, COLORS[p % COLORS.length], x + 16, y + 10, escape(peers[p].label())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double valueOf(List<LoadResult> results, Peer peer, Scenario scenario) {
        return results.stream()
                .filter(r -> r.peer() == peer && r.scenario().equals(scenario))
                .mapToDouble(LoadResult::messagesPerSecond)
                .findFirst().orElse(0);
    }

    /** The vertical position of {@code value} on a log axis spanning the two decades. */
    private static double yOf(double value, int lowDecade, int highDecade) {
        double fraction = (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * Math.max(0, Math.min(1, fraction));
    }

    /** 154887 → "155k", 7645 → "7.6k", 671 → "671". */
    static String shortNumber(double value) {
        if (value >= 100_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
