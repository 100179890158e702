package dev.switchboard.realtime.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The demo page's settings ({@code GET /demo/config}): the page reads its data only from the public APIs. */
@Path("/demo/config")
public class DemoPageResource {

    /** A demo user the page offers to sign in as. */
    public record DemoSession(String name, String token) {
    }

    public record DemoPageSettings(@JsonProperty("conversation_manager_url") String conversationManagerUrl,
            @JsonProperty("message_sender_url") String messageSenderUrl, List<DemoSession> sessions) {
    }

    private final DemoPageConfig config;

    DemoPageResource(DemoPageConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DemoPageSettings settings() {
        List<DemoSession> sessions = config.sessions().orElse(List.of()).stream()
                .filter(session -> session.indexOf('=') > 0)
                .map(session -> new DemoSession(session.substring(0, session.indexOf('=')),
                        session.substring(session.indexOf('=') + 1)))
                .toList();
        return new DemoPageSettings(config.conversationManagerUrl().orElse(""),
                config.messageSenderUrl().orElse(""), sessions);
    }
}
