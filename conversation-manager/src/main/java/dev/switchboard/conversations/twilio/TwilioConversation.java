package dev.switchboard.conversations.twilio;

/** A Twilio Conversation as Switchboard keeps it. {@code state}: active, inactive or closed. */
public record TwilioConversation(String sid, String uniqueName, String state) {
}
