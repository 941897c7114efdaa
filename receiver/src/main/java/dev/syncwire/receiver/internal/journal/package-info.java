/**
 * The durable journal, not public API: {@link dev.syncwire.receiver.internal.journal.EventJournal} is the
 * façade (one write path, one read path) over {@link dev.syncwire.receiver.internal.journal.JournalFile}
 * (open, recover, watch), {@link dev.syncwire.receiver.internal.journal.GroupCommitWriter} (batches and
 * fsync) and {@link dev.syncwire.receiver.internal.journal.JournalLine} (the line format). Every read of a
 * journal file, at open and by {@link dev.syncwire.receiver.JournalReader}, goes through
 * {@link dev.syncwire.receiver.internal.journal.JournalLines}.
 */
package dev.syncwire.receiver.internal.journal;
