package dev.switchboard.realtime.support;

import dev.switchboard.testing.TestTokens;

/** A row of {@code users} made for one test. */
public record TestUser(long id, String phone, String identity) {

    public String token() {
        return TestTokens.user(id);
    }

    public String bearer() {
        return "Bearer " + token();
    }
}
