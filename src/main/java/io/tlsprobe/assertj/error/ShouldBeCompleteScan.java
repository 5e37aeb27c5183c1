package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.error.ProfileContext.context;

import io.tlsprobe.report.ServerProfile;
import java.util.stream.Stream;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The message for a scan that did not get an answer to every question it asked: why it is partial.
 *
 * <pre>
 * Expecting the server scan to be complete
 * but it is partial:
 *   server stopped answering after 12 connections
 * Server profile: ServerProfile[localhost:8443 (direct): TLSv1_3 (1 suites); 12 connections; PARTIAL: …]
 * </pre>
 */
public final class ShouldBeCompleteScan extends BasicErrorMessageFactory {

  private ShouldBeCompleteScan(String format, String... values) {
    super(format, Stream.of(values).map(BasicErrorMessageFactory::unquotedString).toArray());
  }

  /**
   * The message for {@code profile}, which has a partial reason.
   *
   * @param profile the scan's findings
   */
  public static ErrorMessageFactory shouldBeCompleteScan(ServerProfile profile) {
    return new ShouldBeCompleteScan("%nExpecting the server scan to be complete%nbut it is partial:%n  %s%s",
        profile.partialReason().orElse("(no reason recorded)"), context(profile));
  }
}
