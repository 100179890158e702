package dev.switchboard.conversations.users;

import dev.switchboard.conversations.completion.TaskCompletionConfig;
import dev.switchboard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a chat identity (a user's Twilio Conversations identity, which Twilio reports as a message's {@code Author})
 * may be: 1 to 128 letters, digits, {@code .}, {@code _}, {@code @} or {@code -}, starting with a letter or digit.
 * Reserved and refused: the bot's own author ({@code switchboard.tasks.reply-author}), {@code system}, and anything that
 * reads as a phone number — an SMS participant's {@code Author} is their number, so such an identity would pass for
 * someone else, and one equal to the bot's author could make the bot answer itself.
 */
@ApplicationScoped
public class ChatIdentities {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$";

    private static final Pattern ALLOWED = Pattern.compile(PATTERN);
    private static final Pattern PHONE_LIKE = Pattern.compile("^[0-9]{3,15}$");
    private static final Set<String> SYSTEM_AUTHORS = Set.of("system");

    private final TaskCompletionConfig tasks;

    public ChatIdentities(TaskCompletionConfig tasks) {
        this.tasks = tasks;
    }

    /** Authors no person writes as: the bot's and Twilio's system author. */
    public boolean isReserved(String author) {
        String lower = author.toLowerCase(Locale.ROOT);
        return SYSTEM_AUTHORS.contains(lower) || lower.equals(tasks.replyAuthor().toLowerCase(Locale.ROOT));
    }

    /**
     * @param field the request field, named in the problem
     * @throws ProblemException 400 naming the rule the identity breaks
     */
    public String require(String identity, String field) {
        if (identity == null || !ALLOWED.matcher(identity).matches()) {
            throw ProblemException.badRequest("invalid-chat-identity", field + " must be 1 to 128 letters, digits,"
                    + " '.', '_', '@' or '-', starting with a letter or digit; got '" + identity + "'");
        }
        if (isReserved(identity) || PHONE_LIKE.matcher(identity).matches()) {
            throw ProblemException.badRequest("reserved-chat-identity", field + " '" + identity
                    + "' is reserved: the bot's author, system authors and phone numbers are no one's identity");
        }
        return identity;
    }
}
