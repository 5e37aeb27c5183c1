package io.tlsprobe.junit;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.testing.JsseTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fixture test classes that receive a {@link ServerProfile}, run by {@link TlsProbeProfileTest}. */
final class ProfileFixtures {
  private ProfileFixtures() {}

  /** A static port that {@code @BeforeAll} fills; two tests share one scan of the in-process JSSE server. */
  @Fixture
  @TlsProbe
  static class ScannedOncePerClassTestCase {
    @TlsProbe.Target static int port;
    static JsseTestServer server;
    static ServerProfile first;

    @BeforeAll
    static void startServer() {
      first = null; // a run of its own each time the testkit runs the class
      server = TargetFixtures.localServer();
      port = server.port();
    }

    @AfterAll
    static void stopServer() {
      server.close();
    }

    @Test
    void acceptsTls13AndNoWeakSuite(ServerProfile profile) {
      assertThat(profile).isComplete().acceptsProtocol(TlsProtocol.TLSv1_3).acceptsNoProtocolBelow(TlsProtocol.TLSv1_2);
      assertEquals(port, profile.endpoint().port());
      remember(profile);
    }

    @Test
    void reusesTheScan(ServerProfile profile) {
      remember(profile);
    }

    private static synchronized void remember(ServerProfile profile) {
      if (first == null) {
        first = profile;
      } else {
        assertSame(first, profile, "the second test's profile");
      }
    }
  }
}
