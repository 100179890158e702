package dev.switchboard.faults;

import dev.switchboard.e2e.Suite;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * What the database holds of a set of messages Twilio was told were accepted: each must have exactly one
 * {@code messages} row and exactly one {@code message.added} in the {@code message_events} log (a second one would
 * reach client apps twice).
 */
record StoredMessages(int expected, long stored, long duplicated) {

    private static final String STORED = "SELECT count(DISTINCT message_sid) FROM messages WHERE message_sid = ANY(?)";
    private static final String DUPLICATED = """
            SELECT count(*) FROM (
                SELECT message_sid FROM messages WHERE message_sid = ANY(?) GROUP BY message_sid HAVING count(*) > 1
                UNION
                SELECT message_sid FROM message_events WHERE type = 'message.added' AND message_sid = ANY(?)
                GROUP BY message_sid HAVING count(*) > 1) duplicates""";

    static StoredMessages of(Suite suite, Collection<String> messageSids) throws SQLException {
        try (Connection connection = suite.database()) {
            Array sids = connection.createArrayOf("text", messageSids.toArray());
            return new StoredMessages(messageSids.size(), count(connection, STORED, sids),
                    count(connection, DUPLICATED, sids));
        }
    }

    long lost() {
        return expected - stored;
    }

    private static long count(Connection connection, String sql, Array sids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setArray(i, sids);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
