package io.tlsprobe.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.PlainTextPhase.InjectionVerdict;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import io.tlsprobe.testing.SmtpFront;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fixture test classes for {@link TlsProbeStartTlsTest}: {@code startTls}, {@code protocol} and
 * {@code injectionCheck} on {@code @TlsProbe}, against an in-process SMTP front whose port comes in as
 * {@code test.smtp.port}.
 */
final class StartTlsFixtures {
  private StartTlsFixtures() {}

  /** The Javadoc's example, on a test port: SMTP STARTTLS, the plain-text phase and the injection check. */
  @Fixture
  @TlsProbe(host = "127.0.0.1", port = "${test.smtp.port}", startTls = StartTls.SMTP, timeout = "5s")
  static class StartTlsTestCase {
    @Test
    void upgradesAndReportsThePlainTextPhase(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals("starttls:smtp", report.endpoint().connection());
      PlainTextPhase phase = report.plainTextPhase().orElseThrow();
      assertEquals(Optional.of(SmtpFront.GREETING), phase.greeting());
      assertEquals(Optional.of(true), phase.startTlsAdvertised());
      assertEquals(InjectionVerdict.NOT_VULNERABLE, phase.injection().orElseThrow().verdict());
    }
  }

  /** {@code protocol} on a high port means its STARTTLS dialect; {@code injectionCheck = false} skips the check. */
  @Fixture
  @TlsProbe(host = "127.0.0.1", port = "${test.smtp.port}", protocol = ServiceProtocol.SUBMISSION,
      injectionCheck = false, timeout = "5s")
  static class ProtocolTestCase {
    @Test
    void speaksTheProtocolsDialectWithoutTheInjectionCheck(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals("starttls:smtp", report.endpoint().connection());
      assertEquals(Optional.empty(), report.plainTextPhase().orElseThrow().injection());
    }
  }

  /** {@code protocol} without a port: the service's well-known STARTTLS port (nothing listens there in tests). */
  @Fixture
  @TlsProbe(host = "127.0.0.1", protocol = ServiceProtocol.SUBMISSION, timeout = "2s")
  static class ProtocolDefaultPortTestCase {
    @Test
    void probesTheWellKnownPort(TlsConnectionReport report) {
      assertEquals(587, report.endpoint().port());
      assertEquals("starttls:smtp", report.endpoint().connection());
    }
  }

  /** {@code protocol = HTTPS} without a port: 443, implicit TLS. */
  @Fixture
  @TlsProbe(host = "127.0.0.1", protocol = ServiceProtocol.HTTPS, timeout = "2s")
  static class ImplicitDefaultPortTestCase {
    @Test
    void probesTheImplicitPortDirectly(TlsConnectionReport report) {
      assertEquals(443, report.endpoint().port());
      assertEquals("direct", report.endpoint().connection());
      assertFalse(report.plainTextPhase().isPresent());
    }
  }

  /** A field target takes {@code startTls} and {@code injectionCheck} from the class's options. */
  @Fixture
  @TlsProbe(startTls = StartTls.SMTP, injectionCheck = false, timeout = "5s")
  static class FieldTargetTestCase {
    static SmtpFront front;
    @TlsProbe.Target static int smtp;

    @BeforeAll
    static void startFront() throws IOException {
      front = SmtpFront.builder().offerAuthBeforeTls(false).start();
      smtp = front.port();
    }

    @AfterAll
    static void stopFront() throws Exception {
      int connections = front.connections();
      front.close();
      assertEquals(1, connections, "no second connection for the injection check");
    }

    @Test
    void upgradesTheFieldTarget(TlsConnectionReport report) {
      assertTrue(report.outcome().isEstablished(), report::summary);
      assertEquals("starttls:smtp", report.endpoint().connection());
      assertEquals(Optional.of(false), report.plainTextPhase().orElseThrow().plainTextAuthenticationOffered());
    }
  }

  /** A field target with {@code protocol} from the class: the field's port decides the mode. */
  @Fixture
  @TlsProbe(protocol = ServiceProtocol.SMTP, injectionCheck = false, timeout = "5s")
  static class FieldProtocolTestCase {
    static SmtpFront front;
    @TlsProbe.Target static int smtp;

    @BeforeAll
    static void startFront() throws IOException {
      front = SmtpFront.start();
      smtp = front.port();
    }

    @AfterAll
    static void stopFront() throws Exception {
      front.close();
    }

    @Test
    void upgrades(TlsConnectionReport report) {
      assertEquals("starttls:smtp", report.endpoint().connection());
      assertTrue(report.outcome().isEstablished(), report::summary);
    }
  }

  @Fixture
  @TlsProbe(host = "localhost", startTls = StartTls.SMTP)
  static class StartTlsWithoutPortTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", protocol = ServiceProtocol.IMAP, startTls = StartTls.SMTP)
  static class StartTlsAgainstProtocolTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", protocol = ServiceProtocol.HTTPS, startTls = StartTls.POP3)
  static class StartTlsOnHttpsTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(host = "localhost", port = "8443", injectionCheck = false)
  static class InjectionCheckOnDirectTlsTestCase {
    @Test
    void test(TlsConnectionReport report) {}
  }

  @Fixture
  @TlsProbe(injectionCheck = false)
  static class FieldInjectionCheckOnDirectTlsTestCase {
    @TlsProbe.Target static int port = 8443;

    @Test
    void test(TlsConnectionReport report) {}
  }
}
