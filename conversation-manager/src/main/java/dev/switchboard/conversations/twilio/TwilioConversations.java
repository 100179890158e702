package dev.switchboard.conversations.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.service.Conversation;
import com.twilio.rest.conversations.v1.service.conversation.Participant;
import dev.switchboard.twilio.TwilioClients;
import dev.switchboard.twilio.TwilioConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The Twilio Conversations API as conversation-manager needs it; the only class here that touches the Twilio SDK.
 * Every call goes to the service-scoped paths of {@code TWILIO_CONVERSATIONS_SERVICE_SID} and asks Twilio for its
 * post-event webhooks ({@code X-Twilio-Webhook-Enabled}, without which REST-made changes fire none): the participant
 * and state events they bring are how the realtime gateway and every replica learn of a change made here.
 * The SDK blocks, so every call runs on a worker thread. Each operation is safe to repeat — a conversation is created
 * under a unique name and a participant under a unique identity or address, and Twilio answers 409 to a second
 * create — which is what lets transient failures be retried and concurrent callers converge on one resource.
 */
@ApplicationScoped
@Startup // built at start, so a missing TWILIO_CONVERSATIONS_SERVICE_SID stops the service there
public class TwilioConversations {

    private static final int CONVERSATION_NAME_TAKEN = 50353;
    private static final int PARTICIPANT_EXISTS = 50433;
    /** An SMS/WhatsApp address and proxy address can be bound in one active conversation at a time. */
    private static final int BINDING_IN_ANOTHER_CONVERSATION = 50416;

    private final TwilioRestClient client;
    private final String serviceSid;

    public TwilioConversations(TwilioConfig config) {
        this.client = TwilioClients.create(config.accountSid(), config.authToken(), config.apiBaseUrl(),
                config.timeout());
        this.serviceSid = TwilioConfig.requireConversationsServiceSid(config);
    }

    /** The conversation with this unique name: created now, or the one a previous or concurrent call created. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = TransientFailure.class)
    public Uni<TwilioConversation> ensureConversation(String uniqueName, String friendlyName) {
        return blocking(() -> {
            try {
                return view(Conversation.creator(serviceSid).setUniqueName(uniqueName).setFriendlyName(friendlyName)
                        .setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE).create(client));
            } catch (ApiException e) {
                if (isCode(e, CONVERSATION_NAME_TAKEN) || isStatus(e, 409)) {
                    return view(Conversation.fetcher(serviceSid, uniqueName).fetch(client));
                }
                throw e;
            }
        });
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = TransientFailure.class)
    public Uni<Void> close(String conversationSid) {
        return blocking(() -> Conversation.updater(serviceSid, conversationSid)
                .setState(Conversation.State.CLOSED).setXTwilioWebhookEnabled(Conversation.WebhookEnabledType.TRUE)
                .update(client)).replaceWithVoid();
    }

    /** Adds a participant, or finds the one already there with the same identity or address. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = TransientFailure.class)
    public Uni<TwilioParticipant> ensureParticipant(String conversationSid, ParticipantSpec spec) {
        return blocking(() -> {
            try {
                var creator = Participant.creator(serviceSid, conversationSid)
                        .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE);
                if (spec.identity() != null) {
                    creator.setIdentity(spec.identity());
                } else {
                    creator.setMessagingBindingAddress(spec.address()).setMessagingBindingProxyAddress(spec.proxyAddress());
                }
                return view(creator.create(client), spec);
            } catch (ApiException e) {
                if (isCode(e, BINDING_IN_ANOTHER_CONVERSATION)) {
                    throw new TwilioFailure(409, BINDING_IN_ANOTHER_CONVERSATION, spec.address()
                            + " already takes part in another active conversation through " + spec.proxyAddress()
                            + "; close that one or give this participant another proxy_address", e);
                }
                if (isCode(e, PARTICIPANT_EXISTS) || isStatus(e, 409)) {
                    return existing(conversationSid, spec);
                }
                throw e;
            }
        });
    }

    /** Removes a participant; one that is already gone counts as removed. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = TransientFailure.class)
    public Uni<Void> removeParticipant(String conversationSid, String participantSid) {
        return blocking(() -> {
            try {
                return Participant.deleter(serviceSid, conversationSid, participantSid)
                        .setXTwilioWebhookEnabled(Participant.WebhookEnabledType.TRUE).delete(client);
            } catch (ApiException e) {
                if (isStatus(e, 404)) {
                    return true;
                }
                throw e;
            }
        }).replaceWithVoid();
    }

    private TwilioParticipant existing(String conversationSid, ParticipantSpec spec) {
        for (Participant participant : Participant.reader(serviceSid, conversationSid).read(client)) {
            TwilioParticipant found = view(participant, spec);
            boolean sameIdentity = spec.identity() != null && spec.identity().equals(found.identity());
            boolean sameAddress = spec.address() != null && spec.address().equals(found.address());
            if (sameIdentity || sameAddress) {
                return found;
            }
        }
        throw new TwilioFailure(502, PARTICIPANT_EXISTS, "Twilio reports the participant exists but does not list it",
                null);
    }

    private static TwilioConversation view(Conversation conversation) {
        String state = conversation.getState() == null ? "active" : conversation.getState().toString();
        return new TwilioConversation(conversation.getSid(), conversation.getUniqueName(), state);
    }

    private static TwilioParticipant view(Participant participant, ParticipantSpec requested) {
        String address = requested.address();
        String proxyAddress = requested.proxyAddress();
        if (participant.getMessagingBinding() instanceof Map<?, ?> binding) {
            address = Optional.ofNullable((String) binding.get("address")).orElse(address);
            proxyAddress = Optional.ofNullable((String) binding.get("proxy_address")).orElse(proxyAddress);
        }
        return new TwilioParticipant(participant.getSid(), participant.getIdentity(), address, proxyAddress);
    }

    private static boolean isCode(ApiException e, int code) {
        return e.getCode() != null && e.getCode() == code;
    }

    private static boolean isStatus(ApiException e, int status) {
        return e.getStatusCode() != null && e.getStatusCode() == status;
    }

    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(() -> translated(call))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            boolean passThrough = status != null && (status == 400 || status == 404 || status == 409);
            TwilioFailure failure = new TwilioFailure(passThrough ? status : 502, e.getCode() != null ? e.getCode() : status,
                    "Twilio answered " + status + ": " + e.getMessage(), e);
            throw failure.isTransient() ? new TransientFailure(failure) : failure;
        } catch (TwilioException e) {
            throw new TransientFailure(new TwilioFailure(502, null, "Twilio unreachable: " + e.getMessage(), e));
        }
    }

    /** A {@link TwilioFailure} worth retrying; what the caller finally sees is the failure itself. */
    public static final class TransientFailure extends TwilioFailure {
        TransientFailure(TwilioFailure failure) {
            super(failure.status(), failure.twilioCode(), failure.getMessage(), failure.getCause());
        }
    }
}
