package dev.syncwire.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which forwarded hosts a link may name: whole host[:port] authorities only, anything else falls back. */
class RequestOriginTest {
  private static final String LOCAL = "127.0.0.1:4010";

  @ParameterizedTest
  @CsvSource({
      "sync.twilio.com, https://sync.twilio.com",
      "example.com:8443, https://example.com:8443",
      "[::1]:4010, https://[::1]:4010",
      "[::1], https://[::1]",
      "10.0.0.7, https://10.0.0.7"})
  void aWellFormedForwardedHostNamesTheLinks(String forwarded, String origin) {
    assertThat(RequestOrigin.of("http", LOCAL, LOCAL, "https", forwarded)).isEqualTo(origin);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1", "x]", ":::", "a:b:c:d", "evil.com:99999", "evil.com:0", "evil.com/path", "a@b",
      "evil.com:", "-dash.com", "[zz::1]"})
  void anythingElseFallsBackToTheHostHeader(String forwarded) {
    assertThat(RequestOrigin.of("http", "localhost:4010", LOCAL, null, forwarded)).isEqualTo("http://localhost:4010");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1", "a:b:c", "x:70000"})
  void aMalformedHostHeaderFallsBackToTheListeningAddress(String host) {
    assertThat(RequestOrigin.of("http", host, LOCAL, null, null)).isEqualTo("http://" + LOCAL);
  }
}
