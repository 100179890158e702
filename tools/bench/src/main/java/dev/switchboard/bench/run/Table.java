package dev.switchboard.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures as Markdown, one table per scenario because each has its own baselines: the medians of the subject and
 * of each baseline side by side, the ratio to each baseline, the targets and whether they were met, then every run's
 * values.
 */
final class Table {

    private Table() {
    }

    static String of(List<Figure> figures) {
        Map<String, List<Figure>> byScenario = new LinkedHashMap<>();
        figures.forEach(figure -> byScenario.computeIfAbsent(figure.scenario, s -> new ArrayList<>()).add(figure));
        StringBuilder tables = new StringBuilder();
        byScenario.values().forEach(scenario -> tables.append(tables.isEmpty() ? "" : "\n").append(of(scenario.get(0)
                .columns(), scenario)));
        return tables.toString();
    }

    private static String of(List<String> columns, List<Figure> figures) {
        List<String> baselines = columns.subList(1, columns.size());
        StringBuilder table = new StringBuilder("| | figure | ");
        columns.forEach(column -> table.append(column).append(" (median) | "));
        table.append(baselines.isEmpty() ? "" : "ratio to " + String.join(" / ", baselines) + " | ")
                .append("target | met? | runs: ").append(String.join(" / ", columns)).append(" |\n|---|---|");
        table.append("---|".repeat(columns.size() + (baselines.isEmpty() ? 0 : 1) + 3)).append('\n');
        for (Figure figure : figures) {
            table.append("| ").append(figure.scenario).append(" | ").append(figure.name).append(" | ");
            columns.forEach(column -> table.append(median(figure, column)).append(" | "));
            if (!baselines.isEmpty()) {
                table.append(baselines.stream().map(figure::ratio)
                        .map(ratio -> ratio == null ? "—" : String.format(Locale.ROOT, "%.2fx", ratio))
                        .collect(Collectors.joining(" / "))).append(" | ");
            }
            Boolean met = figure.met();
            table.append(figure.targets.isEmpty() ? "—"
                            : figure.targets.stream().map(Target::text).collect(Collectors.joining("; ")))
                    .append(" | ").append(met == null ? "—" : met ? "yes" : "**no**").append(" | ")
                    .append(columns.stream().map(column -> values(figure.values(column)))
                            .collect(Collectors.joining(" / ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String median(Figure figure, String column) {
        String absent = figure.whyAbsent(column);
        if (absent != null) {
            return absent;
        }
        return figure.values(column).isEmpty() ? "—" : withUnit(figure.median(column), figure.unit);
    }

    private static String withUnit(double value, String unit) {
        return unit.isEmpty() ? number(value) : number(value) + " " + unit;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String values(List<Double> values) {
        return values.isEmpty() ? "—" : values.stream().map(Table::number).collect(Collectors.joining(", "));
    }
}
