package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Finds the Switchboard user a verified token speaks for. A {@code sub} that is a number is the {@code users.id}
 * itself (tokens an operator mints); a UUID is a Supabase Auth user id, found as {@code users.auth_id}, which an
 * operator sets when creating the user, or which a first sign-in links by the configured rule
 * ({@link AuthConfig.FirstSignIn}). Found ids are remembered for a few minutes: a user's auth id does not change.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern AUTH_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_REMEMBERED = 100_000;
    private static final long REMEMBER_NANOS = 5L * 60 * 1_000_000_000;

    private static final String BY_AUTH_ID = "SELECT id FROM users WHERE auth_id = $1";
    /** Links only a user nobody signed in as yet: an auth id, once set, is never replaced by a sign-in. */
    private static final String LINK_BY_PHONE = """
            UPDATE users SET auth_id = $1 WHERE auth_id IS NULL AND phone_number = $2 RETURNING id""";

    private final Instance<Pool> pool;
    private final AuthConfig config;
    private final Map<UUID, Remembered> remembered = new ConcurrentHashMap<>();

    UserDirectory(Instance<Pool> pool, AuthConfig config) {
        this.pool = pool;
        this.config = config;
    }

    private record Remembered(long userId, long until) {
    }

    public Uni<Caller> callerFor(VerifiedToken token) {
        String subject = token.subject();
        if (token.isServiceRole()) {
            return Uni.createFrom().item(Caller.service(subject));
        }
        if (subject != null && USER_ID.matcher(subject).matches()) {
            return Uni.createFrom().item(Caller.user(Long.parseLong(subject), subject));
        }
        UUID authId = uuid(subject);
        Remembered known = remembered.get(authId);
        if (known != null && known.until() - System.nanoTime() > 0) {
            return Uni.createFrom().item(Caller.user(known.userId(), subject));
        }
        return pool.get().preparedQuery(BY_AUTH_ID).execute(Tuple.of(authId))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(rows) : link(authId, token))
                .map(rows -> remember(authId, rows, subject));
    }

    private Uni<RowSet<Row>> link(UUID authId, VerifiedToken token) {
        if (config.linkFirstSignIn() != AuthConfig.FirstSignIn.PHONE || token.phone() == null
                || token.phone().isBlank()) {
            return Uni.createFrom().failure(unknownUser());
        }
        String phone = token.phone().startsWith("+") ? token.phone() : "+" + token.phone();
        return pool.get().preparedQuery(LINK_BY_PHONE).execute(Tuple.of(authId, phone))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        LOG.infof("linked auth id %s to user %d by phone number", authId,
                                rows.iterator().next().getLong("id"));
                    }
                });
    }

    private Caller remember(UUID authId, RowSet<Row> rows, String subject) {
        if (rows.size() == 0) {
            throw unknownUser();
        }
        long userId = rows.iterator().next().getLong("id");
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(authId, new Remembered(userId, System.nanoTime() + REMEMBER_NANOS));
        return Caller.user(userId, subject);
    }

    private static UUID uuid(String subject) {
        if (subject == null || !AUTH_ID.matcher(subject).matches()) {
            throw unknownUser();
        }
        return UUID.fromString(subject);
    }

    private static ProblemException unknownUser() {
        return ProblemException.forbidden("unknown-user",
                "No Switchboard user is linked to this token's subject; an operator sets it as the user's auth_id.");
    }
}
