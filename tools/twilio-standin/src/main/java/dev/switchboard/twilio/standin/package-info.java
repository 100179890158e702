/** The local Twilio stand-in: see TwilioStandIn. */
package dev.switchboard.twilio.standin;
