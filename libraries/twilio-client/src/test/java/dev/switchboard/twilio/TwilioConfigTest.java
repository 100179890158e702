package dev.switchboard.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioConfigTest {

    private static final String VARIABLE = "TWILIO_CONVERSATIONS_SERVICE_SID";

    @Test
    void aRequiredSettingThatIsSetIsReturned() {
        assertEquals("IS1", TwilioConfig.require(Optional.of("IS1"), VARIABLE, "the Conversations service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aRequiredSettingThatIsBlankIsRefusedNamingTheVariable(String blank) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TwilioConfig.require(Optional.of(blank), VARIABLE, "the Conversations service"));
        assertTrue(refused.getMessage().startsWith(VARIABLE + " is not set: this service needs the Conversations"
                + " service"), refused.getMessage());
    }

    @Test
    void aRequiredSettingThatIsMissingIsRefusedNamingTheVariable() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TwilioConfig.require(Optional.empty(), VARIABLE, "the Conversations service"));
        assertTrue(refused.getMessage().startsWith(VARIABLE + " is not set"), refused.getMessage());
    }
}
