package dev.switchboard.bench.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure of a scenario over its runs: the subject's values and, beside them, each baseline's (a scenario may have
 * several, say a bare server and a peer product). A baseline that could not run here keeps why instead of values.
 */
final class Figure {

    /** The column of the subject: the services under test. */
    static final String SUBJECT = "Switchboard";

    final String scenario;
    /** Which of a load's printed figures this is. */
    final String key;
    final String name;
    final String unit;
    final List<Target> targets;
    /** The subject's column first, then the baselines' in the order the scenario named them. */
    private final Map<String, List<Double>> columns = new LinkedHashMap<>();
    private final Map<String, String> absent = new HashMap<>();

    Figure(String scenario, String key, String name, String unit, List<String> baselines, Target... targets) {
        this.scenario = scenario;
        this.key = key;
        this.name = name;
        this.unit = unit;
        this.targets = List.of(targets);
        columns.put(SUBJECT, new ArrayList<>());
        baselines.forEach(baseline -> columns.put(baseline, new ArrayList<>()));
    }

    List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    List<String> baselines() {
        return columns().subList(1, columns.size());
    }

    void add(String column, Double value) {
        List<Double> values = columns.get(column);
        if (values == null) {
            throw new IllegalArgumentException(scenario + " has no column " + column);
        }
        values.add(value);
    }

    /** This column has no values because its server could not run here (why: "not installed", say). */
    void absent(String column, String why) {
        absent.put(column, why);
    }

    /** Null when the column has values. */
    String whyAbsent(String column) {
        return columns.get(column).isEmpty() ? absent.get(column) : null;
    }

    List<Double> values(String column) {
        return columns.get(column);
    }

    double median(String column) {
        return median(columns.get(column));
    }

    /** Subject / this baseline; null when the baseline has no values or is zero (a count of failures, say). */
    Double ratio(String baseline) {
        List<Double> values = columns.get(baseline);
        return values == null || values.isEmpty() || median(values) == 0 ? null : median(SUBJECT) / median(values);
    }

    /** Null when the figure has no target, or a target's baseline has no values. */
    Boolean met() {
        Boolean all = targets.isEmpty() ? null : Boolean.TRUE;
        for (Target target : targets) {
            Boolean one = target.met(this);
            if (Boolean.FALSE.equals(one)) {
                return false;
            }
            if (one == null) {
                all = null;
            }
        }
        return all;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
