package dev.switchboard.conversations.completion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Points and reply texts of task completion. Texts are configuration so that product can change them without a release. */
@ConfigMapping(prefix = "switchboard.tasks")
public interface TaskCompletionConfig {

    /** Points for a task that names none. */
    @WithDefault("10")
    int defaultPoints();

    /** Identity replies are posted under in a Twilio Conversation. */
    @WithDefault("switchboard")
    String replyAuthor();

    /**
     * A direct SMS/WhatsApp sender gets at most one hint ("no active task", "send a photo", "not registered") per this
     * period; photos that complete a task are always confirmed.
     */
    @WithDefault("1h")
    java.time.Duration hintInterval();

    /** How often the outbox is swept for records a crash left unpublished. */
    @WithDefault("2s")
    java.time.Duration outboxPoll();

    Replies replies();

    /** Reply texts; {points}, {total} and {task} are replaced. */
    interface Replies {

        /** The photo completed a task. */
        @WithDefault("Task done! You earned {points} points, {total} in total.")
        String completed();

        /** A message from a known user who has no active task. */
        @WithDefault("Thanks! You have no active task right now. We'll let you know when there is a new one.")
        String noActiveTask();

        /** A message without a photo from a user with an active task. */
        @WithDefault("Send a photo to complete your task: {task}")
        String photoNeeded();

        /** A message from a phone number we do not know. */
        @WithDefault("Hi! This number isn't registered yet. Sign up in the app with it to start earning points.")
        String unknownSender();
    }
}
