package io.tlsprobe.assertj;

import io.tlsprobe.report.ServerProfile;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on everything a server accepts; see {@link AbstractServerProfileAssert} for them all. Obtain one from
 * {@link TlsAssertions#assertThat(ServerProfile)}.
 *
 * <pre>{@code
 * assertThat(profile).isComplete().acceptsNoProtocolBelow(TlsProtocol.TLSv1_2).acceptsNoWeakCipherSuite();
 * }</pre>
 */
public class ServerProfileAssert extends AbstractServerProfileAssert<ServerProfileAssert> {

  /**
   * An assert on {@code actual}.
   *
   * @param actual the scan's findings
   */
  public ServerProfileAssert(@Nullable ServerProfile actual) {
    super(actual, ServerProfileAssert.class);
  }
}
