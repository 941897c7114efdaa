package dev.syncwire.cli;

import dev.syncwire.fixtures.SigningKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --auth-token} and {@code --signing-key} of the commands that check signatures
 * ({@code receive}, {@code verify}): each repeatable, for rotated tokens and several keys. The
 * commands that sign take {@link SigningOptions}.
 */
final class CheckingOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--auth-token", paramLabel = "TOKEN", converter = OptionValues.AuthToken.class,
      description = "Auth token to check X-Twilio-Signature (HMAC-SHA1) with; repeat it for rotated tokens.")
  List<String> authTokens = new ArrayList<>();

  @Option(names = "--signing-key", paramLabel = "KEY_ID:SECRET", converter = OptionValues.SigningKeyValue.class,
      description = "A Webhook Rule key: webhooks with X-Twilio-Webhooks-Signature-Settings: key=KEY_ID,algorithm=HMAC_SHA256"
          + " are checked with HMAC-SHA256 and SECRET; repeat it for several keys.")
  List<SigningKey> signingKeys = new ArrayList<>();

  /** The {@code --signing-key} values; a key id given twice is a usage error that names it. */
  List<SigningKey> signingKeys() {
    Set<String> ids = new HashSet<>();
    for (SigningKey key : signingKeys) {
      if (!ids.add(key.id())) {
        throw new ParameterException(mixee.commandLine(), "--signing-key: signing key id '" + key.id()
            + "' is given twice; give each key once.");
      }
    }
    return signingKeys;
  }
}
