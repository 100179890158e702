package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.e2e.Suite;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault 4: conversation-manager killed ({@code kill -9}) and restarted again and again while users with an active
 * task send their photos — so crashes land between claiming the message, committing the completion, publishing the
 * outbox and committing the Kafka offset. Every task must still end with one feed post, one completion, one points
 * award and one reply, however often Twilio and Kafka repeated the photo.
 */
@Tag("slow-fault")
class TaskCompletionCrashTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static final int USERS = 60;
    private static final int CRASHES = 4;
    private static final Duration RESTART = Duration.ofMinutes(2);

    /** A user with one active task and the photo that completes it. */
    private record Worker(String phone, long userId, long taskId, int points, String messageSid) {
    }

    @Test
    void photosSentAcrossRepeatedCrashesCompleteEachTaskExactlyOnce() throws Exception {
        try (Suite suite = Suite.start("task-completion-crash")) {
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                workers.add(newWorker(suite, 1 + i % 20));
            }
            AtomicInteger accepted = new AtomicInteger();
            ExecutorService twilio = Executors.newSingleThreadExecutor();
            long startedAt = System.nanoTime();
            try {
                Future<?> photos = twilio.submit(() -> sendPhotos(suite, workers, accepted));
                for (int crash = 0; crash < CRASHES; crash++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(300, 5_000)); // crash at a random moment
                    suite.stack().service("conversation-manager").kill();
                    suite.stack().restart("conversation-manager", RESTART);
                }
                photos.get();
            } finally {
                twilio.shutdownNow();
            }
            long lastRestart = System.nanoTime();

            Duration recovered = Waits.timed(Waits.waitFor("a reply to every user", Duration.ofMinutes(3), POLL),
                    () -> repliesByPhone(suite).size() >= USERS);
            Thread.sleep(5_000); // a duplicate reply or award would show by now
            Map<String, Long> replies = repliesByPhone(suite);
            String users = workers.stream().map(w -> Long.toString(w.userId())).collect(Collectors.joining(",", "{", "}"));
            String tasks = workers.stream().map(w -> Long.toString(w.taskId())).collect(Collectors.joining(",", "{", "}"));
            long posts = suite.queryLong("SELECT count(*) FROM feed WHERE task_id = ANY('" + tasks + "')");
            long postedTasks = suite.queryLong("SELECT count(DISTINCT task_id) FROM feed WHERE task_id = ANY('" + tasks + "')");
            long completed = suite.queryLong("SELECT count(*) FROM tasks t JOIN feed f ON f.task_id = t.id"
                    + " WHERE t.id = ANY('" + tasks + "') AND t.status = 'completed'"
                    + " AND t.completed_by_message_sid = f.message_sid");
            long awardedOnce = suite.queryLong("SELECT count(*) FROM users u JOIN tasks t ON t.user_id = u.id"
                    + " WHERE u.id = ANY('" + users + "') AND u.points = t.points");
            long replied = workers.stream().filter(w -> replies.getOrDefault("whatsapp:" + w.phone(), 0L) == 1).count();
            long replyRequests = workers.stream().mapToLong(w -> replies.getOrDefault("whatsapp:" + w.phone(), 0L)).sum();

            System.out.printf("[fault 4] photos %d (each posted twice, %d webhooks acknowledged), crashes %d, run %d s;"
                            + " feed posts %d for %d tasks, completed %d, awarded once %d, replies %d to %d users;"
                            + " all replied %d s after the last restart%n",
                    USERS, accepted.get(), CRASHES, Duration.ofNanos(lastRestart - startedAt).toSeconds(), posts,
                    postedTasks, completed, awardedOnce, replyRequests, replied, recovered.toSeconds());
            assertEquals(2 * USERS, accepted.get(), "webhook-ingest acknowledges every photo: it needs only Kafka");
            assertEquals(USERS, posts, "one feed post per task");
            assertEquals(USERS, postedTasks, "every task has its post");
            assertEquals(USERS, completed, "every task completed by its photo");
            assertEquals(USERS, awardedOnce, "every user holds exactly their task's points");
            assertEquals(USERS, replyRequests, "one reply per photo reached Twilio");
            assertEquals(USERS, replied, "every user got exactly one reply");
        }
    }

    private static Worker newWorker(Suite suite, int points) throws Exception {
        String phone = Suite.newPhone();
        long userId = suite.newUser(phone);
        long taskId = suite.json("POST", suite.url("conversation-manager") + "/tasks", TestTokens.serviceRole(),
                Map.of("user_id", userId, "description", "Fix the fence", "points", points), 201).get("id").asLong();
        return new Worker(phone, userId, taskId, points, Suite.sid("MM"));
    }

    /** Twilio posts each photo twice (it retries when an answer is slow), spread over the crashes. */
    private static Void sendPhotos(Suite suite, List<Worker> workers, AtomicInteger accepted) throws Exception {
        for (Worker worker : workers) {
            Map<String, String> webhook = Suite.inboundWhatsApp(worker.messageSid(), worker.phone(), "fence fixed");
            webhook.put("NumMedia", "1");
            webhook.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + Suite.ACCOUNT_SID + "/Messages/"
                    + worker.messageSid() + "/Media/" + Suite.sid("ME"));
            webhook.put("MediaContentType0", "image/jpeg");
            for (int copy = 0; copy < 2; copy++) {
                if (suite.postWebhook(webhook, true).statusCode() == 200) {
                    accepted.incrementAndGet();
                }
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 2_000)); // photos at random moments
        }
        return null;
    }

    /** Messages.json requests the stand-in received, counted by their {@code To}. */
    private static Map<String, Long> repliesByPhone(Suite suite) throws Exception {
        return suite.standInMessages().stream()
                .map(request -> request.path("form").path("To").path(0).asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
