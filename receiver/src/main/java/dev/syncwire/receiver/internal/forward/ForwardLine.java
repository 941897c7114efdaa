package dev.syncwire.receiver.internal.forward;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * A forward attempt as a journal line, {@code {"forwardOf":12,"forward":{...}}}: written after the
 * event's own line, read back on restart onto the event it names. Event lines start with
 * {@code "id"}, so old journals (no such lines) read as before and readers of events skip these.
 */
public final class ForwardLine {
  private static final Pattern START = Pattern.compile("\\A\\s*\\{\\s*\"forwardOf\"\\s*:");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  private ForwardLine() {}

  /** One attempt for event {@code eventId}, as a JSON line without its line break, UTF-8. */
  public static byte[] encode(long eventId, Forward forward) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("forwardOf", eventId);
      g.writeFieldName("forward");
      forward.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** True for a line this class wrote (or one that claims to be, and fails {@link #decode} if it is not). */
  public static boolean is(String line) {
    return START.matcher(line).lookingAt();
  }

  /** The event id and attempt of a line; {@link IllegalArgumentException} saying what is wrong otherwise. */
  public static Decoded decode(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a forward attempt: " + e.getMessage(), e);
    }
    if (node == null || !node.path("forwardOf").canConvertToLong() || !node.path("forwardOf").isIntegralNumber()) {
      throw new IllegalArgumentException("not a forward attempt: \"forwardOf\" must be an event id");
    }
    return new Decoded(node.get("forwardOf").asLong(), Forward.read(node.path("forward")));
  }

  /** A line read back. */
  public record Decoded(long eventId, Forward forward) {}
}
