package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.assertj.ServerProfiles;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a partial scan. */
class ShouldBeCompleteScanTest {

  @Test
  void quotesWhyTheScanIsPartial() {
    String text = ShouldBeCompleteScan.shouldBeCompleteScan(ServerProfiles.legacy())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server scan to be complete",
        "but it is partial:",
        "  server stopped answering after 12 connections",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
