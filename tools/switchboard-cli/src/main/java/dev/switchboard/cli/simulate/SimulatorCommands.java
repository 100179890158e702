package dev.switchboard.cli.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code ./switchboard simulate} can do: each command with its options, their defaults and what they mean. The
 * help text and the option checks are both made from here, so the two never disagree.
 */
final class SimulatorCommands {

    /** One option; {@code fallback} null means required (for a flag: absent), "" means optional without default. */
    record Option(String name, String fallback, String meaning, boolean flag) {

        static Option value(String name, String fallback, String meaning) {
            return new Option(name, fallback, meaning, false);
        }

        static Option flag(String name, String meaning) {
            return new Option(name, "", meaning, true);
        }

        boolean required() {
            return fallback == null;
        }
    }

    record Command(String name, String summary, List<Option> options) {
    }

    private static final Option URL = Option.value("url",
            "$SWITCHBOARD_PUBLIC_URL, else http://127.0.0.1:$WEBHOOK_INGEST_PORT (8081)",
            "webhook-ingest's public base URL (what signatures are computed over)");
    private static final Option DUPLICATES = Option.value("duplicates", "0",
            "deliver the same signed webhook this many more times, as Twilio's retries do");

    static final Map<String, Command> ALL = commands(
            new Command("sms", "an inbound SMS, as Twilio's Messaging webhook posts it", List.of(
                    Option.value("from", null, "the sender's number, E.164 (e.g. +15551230001)"),
                    Option.value("to", "+15005550006", "the Switchboard number it is sent to"),
                    Option.value("body", "Hello from the simulator", "the text"),
                    DUPLICATES,
                    Option.value("standin", "", "send it to this Twilio stand-in (e.g. http://127.0.0.1:8099), which"
                            + " routes it as Twilio does (into a gig conversation the sender takes part in)"),
                    URL)),
            new Command("whatsapp", "an inbound WhatsApp message, optionally with photos or a location", List.of(
                    Option.value("from", null, "the sender's number, E.164 (e.g. +15551230001)"),
                    Option.value("to", "+14155238886", "the Switchboard WhatsApp number"),
                    Option.value("body", "Hello from the simulator (empty with --media)", "the text"),
                    Option.value("media", "0", "attach this many JPEG photos; each is first stored in the stand-in"
                            + " (--media-standin) so that Switchboard can download it"),
                    Option.value("media-standin", "$TWILIO_API_BASE_URL, else http://127.0.0.1:$TWILIO_STANDIN_PORT"
                            + " (8099)", "the Twilio stand-in that serves the photos"),
                    Option.flag("location", "share a location instead of text"),
                    DUPLICATES,
                    Option.value("standin", "", "send it through this Twilio stand-in instead (text only)"),
                    URL)),
            new Command("status", "Twilio's status callbacks for a message Switchboard sent", List.of(
                    Option.value("sid", null, "the message's SID (SM…/MM…)"),
                    Option.value("to", null, "the number it was sent to"),
                    Option.value("from", "+15005550006", "the number it was sent from"),
                    Option.value("statuses", "queued,sent,delivered", "the statuses, in order, comma-separated"),
                    Option.flag("shuffle", "deliver them in a random order, as Twilio may"),
                    URL)),
            new Command("conversation", "a Conversations onMessageAdded webhook", List.of(
                    Option.value("conversation", null, "the ConversationSid (CH…)"),
                    Option.value("author", null, "the author's chat identity or address"),
                    Option.value("body", "Hello from the simulator", "the text"),
                    URL)),
            new Command("load", "inbound SMS at a fixed rate (open loop), with latency figures", List.of(
                    Option.value("rate", "50", "webhooks a second"),
                    Option.value("seconds", "10", "for how long"),
                    DUPLICATES,
                    URL)));

    private SimulatorCommands() {
    }

    private static Map<String, Command> commands(Command... commands) {
        Map<String, Command> all = new LinkedHashMap<>();
        for (Command command : commands) {
            all.put(command.name(), command);
        }
        return all;
    }

    static Command command(String name) {
        Command command = ALL.get(name);
        if (command == null) {
            throw new IllegalArgumentException("unknown command '" + name + "'; one of " + String.join(", ",
                    ALL.keySet()) + " (simulate --help lists them)");
        }
        return command;
    }

    /** Refuses an option the command does not have, a missing value, a required option left out, a bad number. */
    static void check(Command command, Map<String, String> values) {
        Map<String, Option> known = command.options().stream()
                .collect(Collectors.toMap(Option::name, option -> option));
        values.forEach((name, value) -> {
            Option option = known.get(name);
            if (option == null) {
                throw new IllegalArgumentException(command.name() + ": unknown option --" + name + "; it takes "
                        + command.options().stream().map(o -> "--" + o.name()).collect(Collectors.joining(", ")));
            }
            if (!option.flag() && "true".equals(value) && !"true".equals(option.fallback())) {
                throw new IllegalArgumentException(command.name() + ": --" + name + " needs a value (" + option.meaning()
                        + ")");
            }
        });
        command.options().stream().filter(Option::required).filter(option -> !values.containsKey(option.name()))
                .findFirst().ifPresent(option -> {
                    throw new IllegalArgumentException(command.name() + " needs --" + option.name() + " ("
                            + option.meaning() + ")");
                });
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: ./switchboard simulate <command> [--option value]…\n"
                + "Sends correctly signed Twilio webhooks to a running suite. Commands:\n");
        ALL.values().forEach(command -> text.append(String.format("  %-13s %s%n", command.name(), command.summary())));
        text.append("Options of one command: ./switchboard simulate <command> --help\n"
                + "Signing: TWILIO_AUTH_TOKEN (default local-dev-auth-token), TWILIO_ACCOUNT_SID.\n");
        return text.toString();
    }

    static String usage(Command command) {
        StringBuilder text = new StringBuilder("usage: ./switchboard simulate " + command.name()
                + " [--option value]…\n" + command.summary() + ".\n");
        for (Option option : command.options()) {
            String shown = option.flag() ? "--" + option.name() : "--" + option.name() + " <value>";
            String fallback = option.required() ? "required" : option.fallback().isEmpty() ? "" : "default "
                    + option.fallback();
            text.append(String.format("  %-24s %s%s%n", shown, option.meaning(),
                    fallback.isEmpty() ? "" : " [" + fallback + "]"));
        }
        return text.toString();
    }
}
