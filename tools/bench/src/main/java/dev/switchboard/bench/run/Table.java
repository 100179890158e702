package dev.switchboard.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The figures as a Markdown table: medians, the ratio, the target and whether it was met, then every run's values. */
final class Table {

    private Table() {
    }

    static String of(List<Figure> figures) {
        StringBuilder table = new StringBuilder(
                "| | figure | baseline (median) | subject (median) | ratio | target | met? | runs: baseline / subject |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (Figure figure : figures) {
            Double ratio = figure.ratio();
            Boolean met = figure.met();
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s / %s |%n",
                    figure.scenario, figure.name,
                    figure.hasBaseline() ? withUnit(figure.baselineMedian(), figure.unit) : "—",
                    withUnit(figure.subjectMedian(), figure.unit),
                    ratio == null ? "—" : String.format(Locale.ROOT, "%.2fx", ratio),
                    figure.target.text(),
                    met == null ? "—" : met ? "yes" : "**no**",
                    values(figure.baseline), values(figure.subject)));
        }
        return table.toString();
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
