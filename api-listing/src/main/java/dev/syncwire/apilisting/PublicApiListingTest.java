package dev.syncwire.apilisting;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Run by every module whose pom depends on syncwire-api-listing (the parent's surefire scans this
 * jar for tests): the module's public API must equal its checked-in listing, so a change to the
 * public surface shows up as a diff in review. The parent passes the paths as system properties.
 *
 * <pre>{@code
 * mvn -B -q -pl receiver -am test -Dtest=PublicApiListingTest -Dsurefire.failIfNoSpecifiedTests=false -Dsyncwire.api.update=true
 * }</pre>
 */
public class PublicApiListingTest {
  @Test
  void publicApiEqualsTheCheckedInListing() throws IOException {
    String classes = System.getProperty("syncwire.api.classes");
    String listingFile = System.getProperty("syncwire.api.listing");
    assumeTrue(classes != null && listingFile != null,
        "syncwire.api.classes and syncwire.api.listing are set by the parent pom's surefire configuration");
    Path listing = Path.of(listingFile);
    String actual = ApiListing.of(Path.of(classes)).text();
    if (Boolean.getBoolean("syncwire.api.update")) {
      Files.createDirectories(listing.getParent());
      Files.writeString(listing, actual);
      return;
    }
    String expected = Files.exists(listing) ? Files.readString(listing) : "";
    String diff = ApiListingDiff.between(expected, actual);
    if (!diff.isEmpty()) {
      String module = System.getProperty("syncwire.api.module", "this module");
      fail("The public API of " + module + " differs from " + listing + " (- listed, + compiled):\n" + diff
          + "If the change is meant, regenerate the listing and commit it with the change:\n"
          + "  mvn -B -q -pl " + module + " -am test -Dtest=PublicApiListingTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dsyncwire.api.update=true\n"
          + "If not, make the new type or member package-private or move it to an ...internal package.");
    }
  }
}
