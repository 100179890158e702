package dev.switchboard.faults;

import dev.switchboard.faults.WebhookBurst.Answer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** The figures docs/reliability.md reports for a fault run, printed in one greppable line ({@code [fault figures]}). */
record FaultFigures(String fault, int sent, Duration burst, long acknowledged, long refused, StoredMessages stored,
        Duration recovery) {

    static FaultFigures of(String fault, List<Answer> answers, StoredMessages stored, Duration recovery) {
        Duration burst = Duration.between(answers.stream().map(Answer::sent).min(Comparator.naturalOrder()).orElseThrow(),
                answers.stream().map(Answer::answered).max(Comparator.naturalOrder()).orElseThrow());
        return new FaultFigures(fault, answers.size(), burst, answers.stream().filter(Answer::acknowledged).count(),
                answers.stream().filter(answer -> answer.status() == 503).count(), stored, recovery);
    }

    FaultFigures print() {
        System.out.printf("[fault figures] %s: sent %d in %.1f s, acknowledged %d, refused (503) %d, stored %d,"
                + " duplicated %d, lost %d, recovered in %.1f s%n", fault, sent, burst.toMillis() / 1000.0, acknowledged,
                refused, stored.stored(), stored.duplicated(), stored.lost(), recovery.toMillis() / 1000.0);
        return this;
    }
}
