package io.tlsprobe.report;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.ServerHello;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.jspecify.annotations.Nullable;

/**
 * JSSE defects that make a handshake with a correct peer fail, so that a report can name the defect instead of
 * blaming the peer. The probe opens a second connection when one strikes; the capture server, whose client decides
 * whether to try again, says it in the outcome's reason.
 *
 * <pre>{@code
 * JsseDefects.ffdheLeadingZero(serverHello, sslException);
 * // Optional[ffdhe2048 (Tag mismatch!): JSSE without the fix for JDK-8328046 drops a leading zero byte …]
 * }</pre>
 */
public final class JsseDefects {
  /** The bad_record_mac alert (RFC 8446 section 6.2). */
  private static final int BAD_RECORD_MAC = 20;
  /** How deep into a chain of causes to look (a chain may loop). */
  private static final int MAX_CAUSES = 8;

  /**
   * What a probe's outcome reason says when a defect made it open a second connection: {@code "…; this is a second
   * connection: on the first, JSSE could not decrypt …"}.
   */
  public static final String SECOND_CONNECTION = "this is a second connection";

  private JsseDefects() {}

  /**
   * Whether the probe that reported {@code outcome} opened a second connection because a defect struck its first (so
   * it opened two TCP connections, not one).
   */
  public static boolean secondConnection(Outcome outcome) {
    return outcome.reason().contains("; " + SECOND_CONNECTION + ": ");
  }

  /**
   * <a href="https://bugs.openjdk.org/browse/JDK-8328046">JDK-8328046</a>: JSSE without the fix (JDK 17 among them)
   * drops the leading zero bytes of a TLS 1.3 FFDHE shared secret, which RFC 8446 section 7.4.1 pads to the prime's
   * size, so in about one handshake in 256 the two sides derive different keys and the first encrypted record does
   * not authenticate: JSSE fails with "Tag mismatch" (this method), or the peer, which failed first, sends
   * bad_record_mac ({@link #ffdheLeadingZero(ServerHello, AlertDescription)}). Answers the explanation, naming the
   * group and {@code failure}'s message, when {@code failure} is such a failure and {@code serverHello} chose TLS 1.3
   * with a finite-field group; empty otherwise.
   *
   * @param serverHello the ServerHello of the failed handshake (a HelloRetryRequest never matches)
   * @param failure what JSSE threw
   */
  public static Optional<String> ffdheLeadingZero(ServerHello serverHello, Throwable failure) {
    return decryptionFailed(failure) ? explain(serverHello, String.valueOf(failure.getMessage())) : Optional.empty();
  }

  /**
   * As {@link #ffdheLeadingZero(ServerHello, Throwable)}, for a peer that failed first and sent {@code peerAlert}:
   * bad_record_mac (20) after {@code serverHello} chose TLS 1.3 with a finite-field group.
   *
   * @param serverHello the ServerHello of the failed handshake
   * @param peerAlert the fatal alert the peer sent
   */
  public static Optional<String> ffdheLeadingZero(ServerHello serverHello, AlertDescription peerAlert) {
    return peerAlert.code() == BAD_RECORD_MAC ? explain(serverHello, null) : Optional.empty();
  }

  private static Optional<String> explain(ServerHello serverHello, @Nullable String failure) {
    if (serverHello.isHelloRetryRequest() || serverHello.selectedVersion() != TlsProtocol.TLSv1_3.wireVersion()) {
      return Optional.empty();
    }
    return serverHello.keyShareGroup().map(NamedGroup::of).filter(g -> g.kind() == NamedGroup.Kind.FINITE_FIELD)
        .map(g -> g.name() + (failure == null ? "" : " (" + failure + ")") + ": JSSE without the fix for"
            + " JDK-8328046 drops a leading zero byte of a TLS 1.3 FFDHE secret, and so fails about one handshake in"
            + " 256");
  }

  /** An AEAD tag that did not verify: the keys of the two sides differ. */
  private static boolean decryptionFailed(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof AEADBadTagException || String.valueOf(t.getMessage()).contains("Tag mismatch")) {
        return true;
      }
    }
    return false;
  }
}
