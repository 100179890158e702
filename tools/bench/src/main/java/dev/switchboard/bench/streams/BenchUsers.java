package dev.switchboard.bench.streams;

import dev.switchboard.stack.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The users whose streams the benchmarks open ({@code username} bench-1 …, numbers +1999…), and the one Conversation
 * the first of them take part in, which P3's events are posted to. Made once, kept across runs.
 */
public final class BenchUsers {

    public static final String CONVERSATION_SID = "CH" + "b".repeat(32);

    private static final String USERS = """
            INSERT INTO users (username, phone_number)
            SELECT 'bench-' || i, '+1999' || lpad(i::text, 7, '0') FROM generate_series(1, ?) i
            ON CONFLICT DO NOTHING""";
    private static final String PARTICIPANTS = """
            INSERT INTO conversation_participants (participant_sid, conversation_sid, address)
            SELECT 'MB' || lpad(i::text, 32, '0'), ?, '+1999' || lpad(i::text, 7, '0') FROM generate_series(1, ?) i
            ON CONFLICT DO NOTHING""";
    private static final String IDS = "SELECT id FROM users WHERE phone_number LIKE '+1999%' ORDER BY phone_number LIMIT ?";

    private BenchUsers() {
    }

    public static void ensure(String jdbcUrl, int users, int participants) throws SQLException {
        try (Connection db = connect(jdbcUrl); PreparedStatement insertUsers = db.prepareStatement(USERS);
                PreparedStatement insertParticipants = db.prepareStatement(PARTICIPANTS)) {
            insertUsers.setInt(1, users);
            insertUsers.executeUpdate();
            insertParticipants.setString(1, CONVERSATION_SID);
            insertParticipants.setInt(2, participants);
            insertParticipants.executeUpdate();
        }
    }

    /** The ids of the first {@code count} bench users, in the order of their numbers. */
    public static List<Long> ids(String jdbcUrl, int count) throws SQLException {
        try (Connection db = connect(jdbcUrl); PreparedStatement query = db.prepareStatement(IDS)) {
            query.setInt(1, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            if (ids.size() < count) {
                throw new IllegalStateException("only " + ids.size() + " bench users, " + count + " needed");
            }
            return ids;
        }
    }

    /** The number of bench user {@code i} (from 1). */
    public static String phone(int i) {
        return String.format("+1999%07d", i);
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, PostgresCluster.USER, "");
    }
}
