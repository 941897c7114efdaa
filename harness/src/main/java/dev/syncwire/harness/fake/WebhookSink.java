package dev.syncwire.harness.fake;

import dev.syncwire.fixtures.FormParams;

/**
 * Where the fake hands every webhook it owes a receiver. Implementations must return at once and
 * never throw: the fake calls this on its REST request path.
 */
interface WebhookSink {
  void send(String url, FormParams params, String authToken, String orderingKey);
}
