/**
 * {@code X-Twilio-Signature} checking, not public API and free of Jetty:
 * {@link dev.syncwire.receiver.internal.signature.SignatureValidator} checks a
 * {@link dev.syncwire.receiver.internal.signature.SignedRequest} (built from the recorded
 * {@link dev.syncwire.fixtures.RawRequest}) against every URL Twilio may have signed (ports, forwarding
 * headers, a public URL) and every auth token, and answers a
 * {@link dev.syncwire.receiver.internal.signature.SignatureCheck}.
 */
package dev.syncwire.receiver.internal.signature;
