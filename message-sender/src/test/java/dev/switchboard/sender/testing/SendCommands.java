package dev.switchboard.sender.testing;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.HealthWatch;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A batch of SMS send commands on the outbound-messages topic, as other services produce them. Every command of a
 * batch has the batch's id in its command id and its body, so the batch's rows and Twilio requests can be told apart
 * from other tests' traffic.
 */
public final class SendCommands {

    private final String batch = UUID.randomUUID().toString();
    private final int size;

    public SendCommands(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Prefix of the idempotency keys of this batch's rows. */
    public String keyPrefix() {
        return "command:" + batch + "-";
    }

    /** Start of the body of every command of this batch; each body ends with the command's number. */
    public String bodyPrefix() {
        return "Backlog " + batch + " #";
    }

    /** Produces every command of the batch and waits until the broker has them all. */
    public void produce() {
        TestKafka.broker().publishAll(Topics.OUTBOUND_MESSAGES, IntStream.range(0, size).mapToObj(this::command)
                .map(command -> Event.of(EventTypes.MESSAGE_SEND_REQUESTED, "conversation-manager", command.commandId(),
                        command))
                .toList());
    }

    /**
     * Waits while the batch makes progress, until every command's row is final; fails once none has settled for
     * {@code stuckAfter} (not a speed requirement: a batch on which nothing at all happens is stuck), or as soon as a
     * health probe failed.
     */
    public void awaitSettled(HealthWatch health, Duration stuckAfter) {
        long[] settled = {0};
        Instant[] lastProgress = {Instant.now()};
        // No bound in all: the stuck check bounds it, so a slow but moving batch is not failed.
        Waits.waitFor("every command of the batch settled", stuckAfter, Duration.ofSeconds(1)).forever()
                .until(() -> {
                    if (!health.failures().isEmpty()) {
                        throw new AssertionError("probes not answered 200 with " + settled[0] + " of " + size
                                + " commands settled: " + health.failures());
                    }
                    long now = OutboundRows.countByKeyPrefix(keyPrefix(), List.of("sent", "failed", "ambiguous"));
                    if (now > settled[0]) {
                        settled[0] = now;
                        lastProgress[0] = Instant.now();
                    } else if (now < size
                            && Duration.between(lastProgress[0], Instant.now()).compareTo(stuckAfter) > 0) {
                        throw new AssertionError("stuck: " + settled[0] + " of " + size + " commands settled, none for "
                                + stuckAfter);
                    }
                    return now >= size;
                });
    }

    private SendRequestData command(int number) {
        return new SendRequestData(batch + "-" + number, "sms", Numbers.unique(), bodyPrefix() + number, List.of(),
                null, null, null, Map.of(), null);
    }
}
