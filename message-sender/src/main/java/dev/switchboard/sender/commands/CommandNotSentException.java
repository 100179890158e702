package dev.switchboard.sender.commands;

import dev.switchboard.sender.outbound.OutboundMessage;

/** A command whose message ended failed or ambiguous: its message is the dead-letter reason. */
class CommandNotSentException extends RuntimeException {

    CommandNotSentException(String commandId, OutboundMessage row) {
        super("command " + commandId + " ended " + row.state + " (outbound " + row.id + ")"
                + (row.errorCode == null ? "" : ", Twilio error " + row.errorCode)
                + (row.errorMessage == null ? "" : ": " + row.errorMessage));
    }
}
