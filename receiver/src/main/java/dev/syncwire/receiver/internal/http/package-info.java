/**
 * The receiver's HTTP side, not public API: {@link dev.syncwire.receiver.internal.http.Routes} lists every
 * method, path and handler; {@link dev.syncwire.receiver.internal.http.WebhookEndpoint} takes one webhook
 * straight through (Jetty request read once by {@link dev.syncwire.receiver.internal.http.JettyRequest},
 * body, signature, {@link dev.syncwire.receiver.internal.http.RejectionOrder}, then the recorder);
 * every error is an {@link dev.syncwire.receiver.internal.http.ApiError}, written as JSON by
 * {@link dev.syncwire.receiver.internal.http.JsonReplies}.
 */
package dev.syncwire.receiver.internal.http;
