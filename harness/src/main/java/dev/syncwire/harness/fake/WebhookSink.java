package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;

/**
 * Where the fake hands each webhook it would send. {@code WebhookDelivery} implements it; tests may
 * record instead. Called under the fake's state lock, in change order, so it must not block: queue
 * and return.
 */
interface WebhookSink {
  /**
   * @param url the service's {@code webhook_url}
   * @param params the form body, in Twilio's dialect
   * @param authToken the token to sign {@code X-Twilio-Signature} with
   * @param orderingKey service SID + object SID: events with one key must arrive in call order
   */
  void send(String url, FormParams params, String authToken, String orderingKey);
}
