package dev.switchboard.conversations.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.completion.FeedPosts;
import dev.switchboard.conversations.completion.OutboxRelay;
import dev.switchboard.conversations.gigs.GigConversationStore;
import dev.switchboard.conversations.history.ConversationHistory;
import dev.switchboard.conversations.history.MessageRepository;
import dev.switchboard.conversations.me.DirectExchanges;
import dev.switchboard.conversations.media.MediaRetryJob;
import dev.switchboard.conversations.tasks.TaskResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every query the API and the background jobs run against the big tables, planned by PostgreSQL at 1,000,000
 * {@code messages} and 1,000,000 {@code message_events} ({@link MillionRows}) on the service's own pool, so with the
 * plan mode its connections have. The SQL is read from the classes that run it, so a changed query is measured as
 * changed. A plan must not scan {@code messages} or {@code message_events} sequentially and must examine no more rows
 * than its bound (rows returned plus rows a filter removed, over every loop of every table node): a bound on work,
 * where a time would depend on the machine. The figures go to {@code target/query-plans.md} (docs/design.md).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlansAt1MTest {

    private static final Set<String> NEVER_SCANNED = Set.of("messages", "message_events", "outbound_messages");

    @Inject
    Pool pool;

    private long heavy;
    private long light;
    private String heavyExchange;
    private final List<String> report = new ArrayList<>();

    @BeforeAll
    void load() {
        long start = System.nanoTime();
        List<String> steps = MillionRows.load(pool);
        report.add("Loaded in %d ms:".formatted((System.nanoTime() - start) / 1_000_000));
        steps.forEach(step -> report.add("    " + step));
        heavy = userId(MillionRows.HEAVY_PHONE);
        light = userId(MillionRows.LIGHT_PHONE);
        heavyExchange = MillionRows.HEAVY_PHONE + "|" + MillionRows.BUSINESS;
        report.add("");
        report.add("| query | parameters | plan | rows examined | rows | time |");
        report.add("|---|---|---|---:|---:|---:|");
    }

    @AfterAll
    void writeReport() throws IOException {
        report.forEach(System.out::println);
        Files.write(Path.of("target", "query-plans.md"), report);
        for (String table : List.of("feed", "tasks", "media_objects", "message_events", "messages", "outbox",
                "conversation_participants", "gig_conversations", "users")) {
            pool.query("TRUNCATE " + table + " CASCADE").execute().await().atMost(Duration.ofMinutes(1));
        }
    }

    @Test
    void everyConnectionPlansEachStatementForItsValues() {
        // A generic plan (a cached prepared statement after 5 runs) cannot tell the business number, in nearly every
        // row, from a user's: the plans below are the custom ones this setting guarantees.
        String mode = pool.query("SHOW plan_cache_mode").execute().await().indefinitely().iterator().next().getString(0);

        assertEquals("force_custom_plan", mode);
    }

    @Test
    void messageListsStayOnIndexesForEveryCallerAndOffset() {
        String page = sql(MessageRepository.class, "PAGE");
        plan("GET /messages (service), newest 50", page, params(null, null, null, 50, 0), 200);
        plan("GET /messages (service), offset 10,000", page, params(null, null, null, 50, 10_000), 25_000);
        plan("GET /messages?from_number (service), heavy sender", page,
                params(null, MillionRows.HEAVY_PHONE, MillionRows.HEAVY_PHONE, 50, 0), 25_000);
        plan("GET /messages?from_number (service), light sender", page,
                params(null, MillionRows.LIGHT_PHONE, MillionRows.LIGHT_PHONE, 50, 0), 100);
        plan("GET /me/messages, heavy user, newest 50", page, params(heavy, null, null, 50, 0), 2_000);
        plan("GET /me/messages, heavy user, offset 10,000", page, params(heavy, null, null, 50, 10_000), 60_000);
        plan("GET /me/messages, light user", page, params(light, null, null, 50, 0), 2_000);
        plan("GET /me/messages?from_number, heavy user", page,
                params(heavy, MillionRows.HEAVY_PHONE, MillionRows.HEAVY_PHONE, 50, 0), 25_000);
    }

    @Test
    void oneMessageAndItsMediaAreFoundByKey() {
        plan("GET /messages/{sid}, heavy user", sql(MessageRepository.class, "BY_SID"),
                params(heavy, "SMplan00500001"), 100);
        plan("GET /messages/{sid}/media/{index}", sql("dev.switchboard.conversations.media.MediaObjects", "FIND"),
                params("SMplan00000007", 0, "file"), 10);
    }

    @Test
    void conversationHistoryReadsOneConversationFromItsCursor() {
        plan("history: may the caller read it (heavy user)", sql(ConversationHistory.class, "VISIBLE"),
                params(heavyExchange, heavy), 100);
        String cursor = pool.preparedQuery("""
                        SELECT event_id FROM message_events WHERE conversation_key = $1 AND user_id IS NULL
                        ORDER BY seq DESC OFFSET 10 LIMIT 1""")
                .execute(Tuple.of(heavyExchange)).await().indefinitely().iterator().next().getString(0);
        plan("history: cursor to seq", sql(ConversationHistory.class, "CURSOR"), params(cursor, heavyExchange), 10);
        long seq = pool.preparedQuery("SELECT seq FROM message_events WHERE event_id = $1").execute(Tuple.of(cursor))
                .await().indefinitely().iterator().next().getLong(0);
        String history = sql(ConversationHistory.class, "PAGE");
        plan("history: heavy user's exchange from the start", history, params(heavyExchange, 0L, 51), 200);
        plan("history: heavy user's exchange after a cursor near the end", history,
                params(heavyExchange, seq, 51), 200);
        plan("history: a gig conversation from the start", history, params("CHplan00000", 0L, 51), 200);
    }

    @Test
    void myConversationsAreFoundFromTheUser() {
        String direct = sql(DirectExchanges.class, "LIST");
        plan("GET /me/conversations: direct exchanges, heavy user", direct, params(heavy, 50), 25_000);
        plan("GET /me/conversations: direct exchanges, light user", direct, params(light, 50), 100);
        plan("GET /me/conversations: gig conversations, heavy user", sql(GigConversationStore.class, "FIND_FOR_USER"),
                params(heavy, 50), 5_000);
    }

    @Test
    void feedAndTasksAreReadByUser() {
        String feed = sql(FeedPosts.class, "PAGE");
        plan("GET /me/feed, heavy user", feed, params(heavy, null, 20), 100);
        plan("GET /feed (service)", feed, params(null, null, 20), 100);
        String tasks = sql(TaskResource.class, "LIST");
        plan("GET /me/tasks, heavy user", tasks, params(heavy, null), 2_000);
        plan("GET /tasks (service)", tasks, params(null, null), 1_000);
    }

    @Test
    void backgroundJobsFindTheirFewRowsWithoutWalkingTheTables() {
        planRolledBack("MediaRetryJob: claim due media", sql(MediaRetryJob.class, "CLAIM"), params(20, 120.0), 1_000);
        planRolledBack("OutboxRelay: claim unpublished", sql(OutboxRelay.class, "CLAIM"), params(100), 100);
    }

    private void plan(String name, String sql, Tuple params, long maxExamined) {
        check(name, params, pool.withConnection(connection -> connection
                        .preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(params))
                .await().atMost(Duration.ofMinutes(2)).iterator().next(), maxExamined);
    }

    /** Claims change rows: the measured run is rolled back. */
    private void planRolledBack(String name, String sql, Tuple params, long maxExamined) {
        check(name, params, pool.withConnection(connection -> connection.begin().chain(tx -> connection
                        .preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).execute(params)
                        .call(tx::rollback)))
                .await().atMost(Duration.ofMinutes(2)).iterator().next(), maxExamined);
    }

    private void check(String name, Tuple params, Row row, long maxExamined) {
        Object value = row.getValue(0);
        JsonObject explained = (value instanceof JsonArray array ? array : new JsonArray(value.toString()))
                .getJsonObject(0);
        JsonObject root = explained.getJsonObject("Plan");
        Set<String> scans = new LinkedHashSet<>();
        List<String> seqScans = new ArrayList<>();
        long examined = walk(root, scans, seqScans);
        report.add("| %s | %s | %s | %,d | %,d | %.1f ms |".formatted(name, params.deepToString(),
                String.join("; ", scans), examined, root.getLong("Actual Rows"),
                explained.getDouble("Execution Time")));
        assertTrue(seqScans.isEmpty(), name + " scans " + seqScans + ": " + root.encodePrettily());
        assertTrue(examined <= maxExamined, name + " examines " + examined + " rows, more than " + maxExamined + ": "
                + root.encodePrettily());
    }

    private static long walk(JsonObject node, Set<String> scans, List<String> seqScans) {
        long examined = 0;
        String relation = node.getString("Relation Name");
        if (relation != null) {
            long loops = node.getLong("Actual Loops", 1L);
            examined += (node.getLong("Actual Rows", 0L) + node.getLong("Rows Removed by Filter", 0L)
                    + node.getLong("Rows Removed by Index Recheck", 0L)) * loops;
            String type = node.getString("Node Type");
            String index = node.getString("Index Name");
            scans.add(type + " " + relation + (index == null ? "" : " (" + index + ")"));
            if ("Seq Scan".equals(type) && NEVER_SCANNED.contains(relation)) {
                seqScans.add(relation);
            }
        } else if (node.getString("Index Name") != null) {
            scans.add(node.getString("Node Type") + " " + node.getString("Index Name"));
        }
        JsonArray plans = node.getJsonArray("Plans");
        if (plans != null) {
            for (int i = 0; i < plans.size(); i++) {
                examined += walk(plans.getJsonObject(i), scans, seqScans);
            }
        }
        return examined;
    }

    private long userId(String phone) {
        return pool.preparedQuery("SELECT id FROM users WHERE phone_number = $1").execute(Tuple.of(phone))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static Tuple params(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }

    /** The statement as the class runs it: a private constant, read so that this test follows every change to it. */
    private static String sql(Class<?> owner, String constant) {
        try {
            Field field = owner.getDeclaredField(constant);
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(owner.getSimpleName() + "." + constant + " is gone: update this test", e);
        }
    }

    private static String sql(String owner, String constant) {
        try {
            return sql(Class.forName(owner), constant);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(owner + " is gone: update this test", e);
        }
    }
}
