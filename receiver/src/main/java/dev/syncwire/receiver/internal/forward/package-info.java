/**
 * Sending accepted events on to the user's handler ({@code --forward-to}), and replays, not public
 * API: the {@link dev.syncwire.receiver.internal.forward.Forwarder} queues each accepted event in
 * its object's lane and posts it re-signed for the target URL; each attempt is a
 * {@link dev.syncwire.receiver.internal.forward.Forward}, journaled as a
 * {@link dev.syncwire.receiver.internal.forward.ForwardLine} and held with its event.
 */
package dev.syncwire.receiver.internal.forward;
