package dev.switchboard.conversations.users;

import java.util.regex.Pattern;

/** Twilio addresses ({@code whatsapp:+1555…}, {@code +1555…}, chat identities) reduced to the E.164 number users hold. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

    private PhoneNumbers() {
    }

    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    /** The bare E.164 number of a Twilio address, or null when the address is not a phone number. */
    public static String e164(String address) {
        if (address == null) {
            return null;
        }
        String bare = address.substring(address.indexOf(':') + 1).trim();
        return isE164(bare) ? bare : null;
    }
}
