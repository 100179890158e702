package dev.switchboard.cli;

import dev.switchboard.stack.DemoWorld;
import dev.switchboard.stack.LocalSettings;
import dev.switchboard.stack.LocalTokens;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./switchboard token --user <name|id> [--service-role] [--ttl 1h]}: a token for the local suite, signed with
 * this checkout's local secret. It refuses to run when {@code SWITCHBOARD_JWT_SECRET} names another secret: a token for a real
 * deployment is never minted from a developer's shell.
 */
final class TokenCommand {

    static final String USAGE = """
            usage: ./switchboard token (--user <name|id> | --service-role) [--ttl 1h]
              --user <name|id>   a demo user by name (alice, bob: the token's sub is their Supabase Auth id, as an
                                 app's would be) or any user by numeric id
              --service-role     the service role, which reads and acts for everyone
              --ttl <duration>   how long it is valid: 30m, 1h, 12h, PT2H [default 1h]
            Prints the token alone, e.g. curl -H "Authorization: Bearer $(./switchboard token --user alice)" ...
            """;

    private TokenCommand() {
    }

    /**
     * @param secret            this checkout's local secret ({@link LocalSettings#localJwtSecret})
     * @param environmentSecret {@code SWITCHBOARD_JWT_SECRET}, when the environment sets one
     */
    static int run(List<String> args, String secret, Optional<String> environmentSecret, PrintStream out,
            PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        if (environmentSecret.isPresent() && !environmentSecret.get().equals(secret)) {
            err.println("switchboard token: SWITCHBOARD_JWT_SECRET is not the local suite's; tokens are minted for the"
                    + " local suite only");
            return 2;
        }
        try {
            String user = null;
            boolean serviceRole = false;
            Duration ttl = Duration.ofHours(1);
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--user" -> user = value(args, ++i, "--user");
                    case "--service-role" -> serviceRole = true;
                    case "--ttl" -> ttl = duration(value(args, ++i, "--ttl"));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                            + " (token --help lists them)");
                }
            }
            if (serviceRole == (user != null)) {
                throw new IllegalArgumentException("give --user <name|id> or --service-role (token --help)");
            }
            out.println(serviceRole ? LocalTokens.serviceRole(ttl, secret) : LocalTokens.user(subject(user), ttl, secret));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("switchboard token: " + e.getMessage());
            return 2;
        }
    }

    private static String subject(String user) {
        if (user.matches("[0-9]{1,18}")) {
            return user;
        }
        return DemoWorld.user(user.toLowerCase(Locale.ROOT)).map(demo -> demo.authId().toString())
                .orElseThrow(() -> new IllegalArgumentException("no demo user '" + user + "'; one of "
                        + DemoWorld.USERS.stream().map(DemoWorld.DemoUser::name).toList() + ", or a numeric user id"));
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    static Duration duration(String text) {
        try {
            Duration ttl = text.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(text)
                    : Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("--ttl must be more than 0 and at most 7 days, got " + text);
            }
            return ttl;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl is a duration like 30m, 1h or PT2H, got '" + text + "'");
        }
    }
}
