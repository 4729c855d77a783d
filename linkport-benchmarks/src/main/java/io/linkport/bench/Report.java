package io.linkport.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints the results as a table, and writes them as JSON and as a PNG chart. */
final class Report {

    private Report() {
    }

    /** {@code startup} is null when the start-up ceiling was not measured. */
    static void print(List<ScenarioResult> results, Map<String, Object> facts, StartupCeiling.Result startup) {
        System.out.println();
        facts.forEach((key, value) -> System.out.printf(Locale.ROOT, "%-28s %s%n", key, value));
        if (startup != null) {
            startup.print();
        }
        if (results.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%n%-22s %-10s %10s %8s %8s %8s %7s %6s %8s  %-24s %7s %7s%n", "scenario", "db", "per sec",
                "p50 ms", "p90 ms", "p99 ms", "errors", "cpu%", "peakMiB", "ceiling", "ratio", "warm s");
        for (ScenarioResult r : results) {
            Measurement m = r.measurement();
            if (!r.measured()) {
                System.out.printf(Locale.ROOT, "%-22s %-10s %s%n", r.scenario(), r.database(), r.note());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-22s %-10s %10.0f %8.2f %8.2f %8.2f %7d %6.0f %8d  %-24s %7s %7s%n", r.scenario(),
                    r.database(), m.perSecond(), m.p50Ms(), m.p90Ms(), m.p99Ms(), m.errors(), r.serverCpuPercent(),
                    r.peakRssMib(), r.ceiling() == null ? "-" : r.ceiling(),
                    r.ceiling() == null ? "-" : String.format(Locale.ROOT, r.ratio() < 0.1 ? "%.4f" : "%.2f", r.ratio()),
                    r.warmUp() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.warmUp().seconds()));
            if (r.note() != null) {
                System.out.println("    " + r.note());
            }
            if (r.cpu() != null) {
                System.out.println("    " + r.cpu());
            }
        }
    }

    static void writeJson(Path file, List<ScenarioResult> results, Map<String, Object> facts, StartupCeiling.Result startup)
            throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Object> document = new LinkedHashMap<>(facts);
        if (startup != null) {
            document.put("startup", startup.toJson());
        }
        document.put("results", results.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", r.scenario());
            row.put("database", r.database());
            row.put("perSecond", r.measurement().perSecond());
            row.put("requests", r.measurement().requests());
            row.put("seconds", r.measurement().seconds());
            row.put("errors", r.measurement().errors());
            row.put("p50Ms", r.measurement().p50Ms());
            row.put("p90Ms", r.measurement().p90Ms());
            row.put("p99Ms", r.measurement().p99Ms());
            row.put("serverCpuPercent", r.serverCpuPercent());
            row.put("peakRssMib", r.peakRssMib());
            row.put("ceiling", r.ceiling());
            row.put("ceilingPerSecond", r.ceilingPerSecond());
            if (r.bracket() != null) {
                row.put("ceilingBeforePerSecond", r.bracket().before());
                row.put("ceilingAfterPerSecond", r.bracket().after());
            }
            row.put("ratioToCeiling", r.ratio());
            row.put("note", r.note());
            if (r.cpu() != null) {
                row.put("machineBusyPercent", r.cpu().machineBusyPercent());
                Map<String, Object> perOperation = new LinkedHashMap<>();
                perOperation.put("server", r.cpu().serverUs());
                perOperation.put("database", r.cpu().databaseUs());
                perOperation.put("rest", r.cpu().restUs());
                row.put("cpuPerOperationUs", perOperation);
            }
            row.put("warmupSeconds", r.warmUp() == null ? null : r.warmUp().seconds());
            row.put("warmupSlicesPerSecond", r.warmUp() == null ? null : r.warmUp().slicesPerSecond());
            row.put("warmupJitPercentOfCore", r.warmUp() == null ? null : r.warmUp().jitPercent());
            return row;
        }).toList());
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
    }

    /** Draws the chart again from a results JSON file written by {@link #writeJson}. */
    static void chartFromJson(Path json, Path png) throws IOException {
        JsonNode document = JsonMapper.builder().build().readTree(json.toFile());
        List<ScenarioResult> results = new ArrayList<>();
        for (JsonNode row : document.get("results")) {
            Measurement m = new Measurement(row.get("requests").asLong(), row.get("seconds").asDouble(),
                    row.get("errors").asLong(), row.get("p50Ms").asDouble(), row.get("p90Ms").asDouble(), row.get("p99Ms").asDouble());
            results.add(new ScenarioResult(row.get("scenario").asString(), row.get("database").asString(), m, 0, 0, null, 0, null, null));
        }
        writeChart(png, results);
    }

    /** Two bar charts side by side per scenario/database: throughput (left) and p99 latency (right). */
    static void writeChart(Path file, List<ScenarioResult> all) throws IOException {
        List<ScenarioResult> results = all.stream().filter(ScenarioResult::measured).toList();
        System.setProperty("java.awt.headless", "true");
        int rowHeight = 28;
        int width = 1250;
        int height = 80 + rowHeight * Math.max(1, results.size());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Linkport benchmark: throughput (per second, linear) and p99 latency (ms, log scale)", 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double maxRate = results.stream().mapToDouble(r -> r.measurement().perSecond()).max().orElse(1);
        double maxP99 = results.stream().mapToDouble(r -> Math.log10(1 + r.measurement().p99Ms())).max().orElse(1);
        int labelWidth = 330;
        int barWidth = 330;
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            int y = 60 + i * rowHeight;
            g.setColor(Color.BLACK);
            g.drawString(r.scenario() + " (" + r.database() + ")", 20, y + 15);
            int rate = (int) (barWidth * r.measurement().perSecond() / Math.max(1, maxRate));
            g.setColor(new Color(52, 101, 164));
            g.fillRect(labelWidth, y, Math.max(1, rate), 20);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f/s", r.measurement().perSecond()), labelWidth + rate + 5, y + 15);
            int p99 = (int) (barWidth * Math.log10(1 + r.measurement().p99Ms()) / Math.max(0.001, maxP99));
            int x = labelWidth + barWidth + 110;
            g.setColor(new Color(204, 102, 0));
            g.fillRect(x, y, Math.max(1, p99), 20);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1f ms", r.measurement().p99Ms()), x + p99 + 5, y + 15);
        }
        g.setStroke(new BasicStroke(1));
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
