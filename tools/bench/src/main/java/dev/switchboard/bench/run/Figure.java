package dev.switchboard.bench.run;

import java.util.ArrayList;
import java.util.List;

/** One figure of a scenario over its runs: the subject's values and, when it has one, the baseline's beside them. */
final class Figure {

    final String scenario;
    /** Which of a load's printed figures this is. */
    final String key;
    final String name;
    final String unit;
    final Target target;
    final List<Double> baseline = new ArrayList<>();
    final List<Double> subject = new ArrayList<>();

    Figure(String scenario, String key, String name, String unit, Target target) {
        this.scenario = scenario;
        this.key = key;
        this.name = name;
        this.unit = unit;
        this.target = target;
    }

    boolean hasBaseline() {
        return !baseline.isEmpty();
    }

    double baselineMedian() {
        return median(baseline);
    }

    double subjectMedian() {
        return median(subject);
    }

    /** Null when there is no baseline, or it is zero (a count of failures, say). */
    Double ratio() {
        return hasBaseline() && baselineMedian() != 0 ? subjectMedian() / baselineMedian() : null;
    }

    /** Null when the figure has no target. */
    Boolean met() {
        return target.met() == null ? null
                : target.met().test(hasBaseline() ? baselineMedian() : Double.NaN, subjectMedian());
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
