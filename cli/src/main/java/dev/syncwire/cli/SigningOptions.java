package dev.syncwire.cli;

import dev.syncwire.fixtures.SigningKey;
import picocli.CommandLine.Option;

/**
 * {@code --auth-token} and {@code --signing-key} of the commands that sign what they send
 * ({@code trigger}, {@code replay}, {@code check-handler}): one of each, the token defaulting to
 * $TWILIO_AUTH_TOKEN. The commands that check signatures take {@link CheckingOptions}.
 */
final class SigningOptions {
  @Option(names = "--auth-token", paramLabel = "TOKEN", converter = OptionValues.AuthToken.class,
      description = "Auth token to sign X-Twilio-Signature with (HMAC-SHA1). Defaults to $TWILIO_AUTH_TOKEN.")
  String authToken;

  @Option(names = "--signing-key", paramLabel = "KEY_ID:SECRET", converter = OptionValues.SigningKeyValue.class,
      description = {"Sign as a Webhook Rule does: X-Twilio-Signature is HMAC-SHA256 with SECRET, and",
          "X-Twilio-Webhooks-Signature-Settings: key=KEY_ID,algorithm=HMAC_SHA256 says so. Takes the place of the token."})
  SigningKey signingKey;

  /** --auth-token, else $TWILIO_AUTH_TOKEN from {@code syncwire}'s environment, else null. */
  String token(SyncwireCommand syncwire) {
    return authToken != null ? authToken : syncwire.environmentValue(ReceiveCommand.TOKEN_VARIABLE);
  }

  /** Whether anything will be signed: a token (flag or environment) or a signing key. */
  boolean signs(SyncwireCommand syncwire) {
    return token(syncwire) != null || signingKey != null;
  }
}
