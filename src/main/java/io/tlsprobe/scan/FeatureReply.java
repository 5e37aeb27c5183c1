package io.tlsprobe.scan;

import io.tlsprobe.wire.CertificateStatus;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import java.util.Optional;

/**
 * The answer to one feature question, with the TLS 1.2 CertificateStatus message (RFC 6066 section 8) that came
 * between the Certificate and the ServerKeyExchange, if the server stapled one.
 *
 * @param answer the answer read as TLS
 * @param status the stapled status, if any
 */
record FeatureReply(Answer answer, Optional<CertificateStatus> status) {

  /** One connection: {@code hello} written, the answer read up to the ServerKeyExchange or ServerHelloDone. */
  static FeatureReply ask(Connector connector, byte[] hello) {
    Reply reply = connector.converse(hello, Answer::complete);
    Answer answer = Answer.of(reply);
    Optional<CertificateStatus> status = Optional.empty();
    if (answer.kind() == Answer.Kind.HELLO) {
      try {
        status = TlsDecoder.decodePartial(reply.bytes()).first(CertificateStatus.class);
      } catch (TlsDecodeException e) {
        status = Optional.empty(); // Answer.of read the same bytes; a bad CertificateStatus is simply not one
      }
    }
    return new FeatureReply(answer, status);
  }
}
