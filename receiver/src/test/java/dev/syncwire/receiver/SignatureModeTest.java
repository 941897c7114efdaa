package dev.syncwire.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureModeTest {
  @ParameterizedTest
  @CsvSource({"enforce,ENFORCE", "WARN,WARN", "' Off ',OFF"})
  void parsesANameInAnyCase(String name, SignatureMode expected) {
    assertThat(SignatureMode.parse(name)).isEqualTo(expected);
    assertThat(SignatureMode.parse(expected.wireName())).isEqualTo(expected);
  }

  @Test
  void refusesAnUnknownNameListingTheAllowedOnes() {
    assertThatThrownBy(() -> SignatureMode.parse("strict"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("signature mode \"strict\" is not one of enforce, warn, off;");
  }

  @Test
  void refusesNoNameListingTheAllowedOnes() {
    assertThatThrownBy(() -> SignatureMode.parse(null))
        .hasMessageStartingWith("signature mode (none) is not one of enforce, warn, off;");
  }
}
