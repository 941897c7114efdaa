package dev.syncwire.harness.proxy;

import com.twilio.Twilio;
import com.twilio.rest.sync.v1.service.Document;
import java.util.Map;

/**
 * Code as a user writes it for real Twilio: {@code Twilio.init} and the static client, no
 * FakeHttpClient, no base URL. Run in a JVM of its own with only the proxy's system properties.
 * Arguments: account SID, auth token, service SID, unique name. Prints the document's SID and URL.
 */
public final class UnmodifiedTwilioJava {
  private UnmodifiedTwilioJava() {}

  public static void main(String[] args) {
    Twilio.init(args[0], args[1]);
    Document document = Document.creator(args[2]).setUniqueName(args[3]).setData(Map.of("from", "twilio-java")).create();
    System.out.println(document.getSid() + " " + document.getUrl());
  }
}
