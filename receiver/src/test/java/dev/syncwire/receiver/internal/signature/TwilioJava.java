package dev.syncwire.receiver.internal.signature;

import com.twilio.security.RequestValidator;
import java.lang.reflect.Method;
import java.util.Map;

/** twilio-java's own signing, reached through its private {@code getValidationSignature}. */
final class TwilioJava {
  private TwilioJava() {}

  static String sign(String token, String url, Map<String, String> params) {
    try {
      Method m = RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
      m.setAccessible(true);
      String signature = (String) m.invoke(new RequestValidator(token), url, params);
      if (signature == null) {
        throw new AssertionError("twilio-java could not sign " + url);
      }
      return signature;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("twilio-java's RequestValidator changed: " + e, e);
    }
  }

  static boolean validate(String token, String url, Map<String, String> params, String signature) {
    return new RequestValidator(token).validate(url, params, signature);
  }
}
