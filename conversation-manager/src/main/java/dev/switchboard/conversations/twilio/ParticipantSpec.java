package dev.switchboard.conversations.twilio;

/** Who to add: either a chat identity, or an address with the proxy address Twilio relays it through. */
public record ParticipantSpec(String identity, String address, String proxyAddress) {
}
