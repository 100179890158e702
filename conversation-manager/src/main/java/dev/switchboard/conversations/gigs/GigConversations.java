package dev.switchboard.conversations.gigs;

import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.access.MessageVisibility;
import dev.switchboard.conversations.twilio.ParticipantSpec;
import dev.switchboard.twilio.TwilioConfig;
import dev.switchboard.conversations.twilio.TwilioConversation;
import dev.switchboard.conversations.twilio.TwilioConversations;
import dev.switchboard.conversations.users.ChatIdentities;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One Twilio Conversation per gig (the Supabase Edge Function {@code manage-twilio-conversation} did this before,
 * docs/migrating.md). Twilio itself keeps it single: the conversation's unique name is derived from the gig, so two
 * replicas opening the same gig at once both end up with the conversation the first one created.
 */
@ApplicationScoped
public class GigConversations {

    private static final Pattern GIG_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final TwilioConversations twilio;
    private final TwilioConfig twilioConfig;
    private final GigConversationStore store;
    private final ChatIdentities identities;

    public GigConversations(TwilioConversations twilio, TwilioConfig twilioConfig, GigConversationStore store,
            ChatIdentities identities) {
        this.twilio = twilio;
        this.twilioConfig = twilioConfig;
        this.store = store;
        this.identities = identities;
    }

    public Uni<GigConversationView> open(String gigId, OpenGigConversation request) {
        List<ParticipantSpec> specs = request.participants().stream()
                .map(p -> p.toSpec(twilioConfig, identities)).toList();
        String friendlyName = request.friendlyName() == null ? "Gig " + checked(gigId) : request.friendlyName();
        return twilio.ensureConversation(uniqueName(gigId), friendlyName)
                .invoke(GigConversations::requireOpen)
                .chain(conversation -> addAll(conversation.sid(), specs)
                        .chain(participants -> store.save(gigId, conversation, participants)))
                .chain(() -> store.find(gigId));
    }

    /** The gig's conversation when the caller may read it (the service role, a current participant), else null. */
    public Uni<GigConversationView> readableBy(Caller caller, String gigId) {
        return store.find(checked(gigId)).onItem().ifNotNull().transformToUni(gig -> caller.isServiceRole()
                ? Uni.createFrom().item(gig)
                : store.isParticipant(gig.conversationSid(), caller.userId())
                        .map(participant -> participant ? gig : null));
    }

    /** The gig conversations the caller takes part in now (every one for the service role), newest first. */
    public Uni<List<GigConversationView>> listFor(Caller caller, int limit) {
        return store.list(MessageVisibility.param(caller), limit);
    }

    public Uni<GigConversationView> close(String gigId) {
        return existing(gigId)
                .call(gig -> twilio.close(gig.conversationSid()))
                .call(() -> store.markClosed(gigId))
                .chain(() -> store.find(gigId));
    }

    public Uni<TwilioParticipant> addParticipant(String gigId, ParticipantRequest request) {
        ParticipantSpec spec = request.toSpec(twilioConfig, identities);
        return existing(gigId)
                .invoke(gig -> requireOpen(new TwilioConversation(gig.conversationSid(), gig.uniqueName(), gig.state())))
                .chain(gig -> twilio.ensureParticipant(gig.conversationSid(), spec)
                        .call(participant -> store.save(gigId,
                                new TwilioConversation(gig.conversationSid(), gig.uniqueName(), gig.state()),
                                List.of(participant))));
    }

    public Uni<Void> removeParticipant(String gigId, String participantSid) {
        return existing(gigId)
                .invoke(gig -> requireParticipant(gig, participantSid))
                .call(gig -> twilio.removeParticipant(gig.conversationSid(), participantSid))
                .chain(() -> store.markRemoved(participantSid));
    }

    static String uniqueName(String gigId) {
        return "gig-" + checked(gigId);
    }

    private Uni<GigConversationView> existing(String gigId) {
        return store.find(checked(gigId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("gig-conversation-not-found",
                        "gig " + gigId + " has no conversation"));
    }

    private Uni<List<TwilioParticipant>> addAll(String conversationSid, List<ParticipantSpec> specs) {
        return Multi.createFrom().iterable(specs)
                .onItem().transformToUniAndConcatenate(spec -> twilio.ensureParticipant(conversationSid, spec))
                .collect().asList();
    }

    private static void requireOpen(TwilioConversation conversation) {
        if ("closed".equals(conversation.state())) {
            throw new ProblemException(409, "gig-conversation-closed", "Conflict",
                    "the conversation " + conversation.sid() + " of this gig is closed");
        }
    }

    private static void requireParticipant(GigConversationView gig, String participantSid) {
        if (gig.participants().stream().noneMatch(p -> p.sid().equals(participantSid))) {
            throw ProblemException.notFound("participant-not-found",
                    "participant " + participantSid + " is not in the conversation of gig " + gig.gigId());
        }
    }

    private static String checked(String gigId) {
        if (gigId == null || !GIG_ID.matcher(gigId).matches()) {
            throw ProblemException.badRequest("invalid-gig-id", "a gig id is 1 to 64 letters, digits, '-' or '_'");
        }
        return gigId;
    }
}
