package dev.switchboard.conversations.me;

import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.gigs.GigConversations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's conversations of both kinds in one list, most recently active first: the gig conversations they take part
 * in now (exactly as {@code GET /conversations} finds them) and their direct SMS/WhatsApp exchanges. Each kind is
 * read up to {@code limit} and the merge cut to {@code limit}.
 */
@ApplicationScoped
public class MyConversations {

    private static final Comparator<MyConversation> LATEST_FIRST = Comparator
            .comparing((MyConversation c) -> c.activeAt().toInstant()).reversed()
            .thenComparing(MyConversation::conversationKey);

    private final GigConversations gigs;
    private final DirectExchanges direct;

    public MyConversations(GigConversations gigs, DirectExchanges direct) {
        this.gigs = gigs;
        this.direct = direct;
    }

    /** @param user a user, never the service role (whose "own" conversations would be everyone's) */
    public Uni<List<MyConversation>> of(Caller user, int limit) {
        return Uni.combine().all()
                .unis(gigs.listFor(user, limit), direct.of(user.requireUser(), limit))
                .with((gig, exchanges) -> Stream.concat(gig.stream().map(MyConversation::gig), exchanges.stream())
                        .sorted(LATEST_FIRST).limit(limit).toList());
    }
}
