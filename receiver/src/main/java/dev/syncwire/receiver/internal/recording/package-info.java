/**
 * What happens to an event once it is judged, not public API: the
 * {@link dev.syncwire.receiver.internal.recording.EventRecorder} numbers it, journals it, then adds it to the
 * {@link dev.syncwire.receiver.internal.recording.EventStore} (memory, read by users through
 * {@link dev.syncwire.receiver.RecordedEvents}); {@link dev.syncwire.receiver.internal.recording.RedeliveryIndex}
 * tells a redelivery from a first delivery; on restart {@link dev.syncwire.receiver.internal.recording.JournalTail}
 * keeps the journal's newest lines for the recorder to restore.
 */
package dev.syncwire.receiver.internal.recording;
