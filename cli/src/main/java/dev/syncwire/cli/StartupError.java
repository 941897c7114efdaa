package dev.syncwire.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An option whose value looked right but could not be used on start-up (a port in use, a locked
 * journal): {@link ErrorPrinter} prints the message alone and exits 2. The message starts with the
 * option and its value, in the CLI's words rather than the library's.
 */
final class StartupError extends RuntimeException {
  StartupError(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Why a server could not listen on {@code host:port}, which the option {@code portOption} chose.
   * The host was checked already (OptionValues.Host), so this is about the port.
   */
  static StartupError cannotListen(String portOption, String host, int port, RuntimeException failure) {
    String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    String reason = bindReason(failure);
    if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
      return new StartupError(portOption + " " + port + ": " + address + " is already in use by another process;"
          + " stop that process or choose another port (" + portOption + " 0 picks a free one).", failure);
    }
    return new StartupError(portOption + " " + port + ": cannot listen on " + address + " (" + reason + ");"
        + " choose another port (" + portOption + " 0 picks a free one"
        + (port > 0 && port < 1024 ? "; ports below 1024 need root" : "") + ").", failure);
  }

  /** Why the journal file {@code journal} could not be opened. */
  static StartupError cannotOpenJournal(Path journal, UncheckedIOException failure) {
    Path file = journal.toAbsolutePath();
    if (isLocked(file)) {
      return new StartupError("--journal " + journal + ": " + file + " is in use by another syncwire receiver"
          + " (in this or another process); stop that one or give this one its own file,"
          + " such as --journal " + siblingOf(journal) + ".", failure);
    }
    IOException cause = failure.getCause();
    String reason = cause instanceof AccessDeniedException ? "permission denied"
        : cause instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(failure.getMessage());
    return new StartupError("--journal " + journal + ": cannot open " + file + " (" + reason + ");"
        + " give a file you can write, such as --journal events.jsonl.", failure);
  }

  private static String bindReason(Throwable failure) {
    Throwable last = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return t.getMessage();
      }
      last = t;
    }
    return last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
  }

  /** Whether another open journal holds the file's lock (EventJournal locks it for as long as it is open). */
  private static boolean isLocked(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String siblingOf(Path journal) {
    String name = journal.getFileName() == null ? "events.jsonl" : journal.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String sibling = dot > 0 ? name.substring(0, dot) + "-2" + name.substring(dot) : name + "-2";
    return journal.getParent() == null ? sibling : journal.getParent().resolve(sibling).toString();
  }
}
