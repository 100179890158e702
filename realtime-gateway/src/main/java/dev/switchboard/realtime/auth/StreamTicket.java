package dev.switchboard.realtime.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /v1/stream/tickets}: pass {@code ticket} as {@code ?ticket=} within {@code expires_in} seconds. */
public record StreamTicket(String ticket, @JsonProperty("expires_in") long expiresIn) {
}
