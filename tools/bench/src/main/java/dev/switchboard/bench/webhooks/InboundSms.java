package dev.switchboard.bench.webhooks;

import dev.switchboard.twilio.standin.TwilioSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A signed Messaging webhook for an inbound SMS, as Twilio posts it: the form body and its signature. */
public record InboundSms(String form, String signature) {

    public static final String PATH = "/webhooks/twilio/messaging";
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

    /** {@code signedUrl} is the URL the receiver believes it was called at (webhook-ingest: its public URL). */
    public static InboundSms of(String signedUrl, String authToken, String messageSid, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", "benchmark message " + messageSid);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new InboundSms(form, TwilioSignature.of(authToken, signedUrl, params));
    }
}
