package io.tlsprobe.starttls;

import io.tlsprobe.starttls.LdapMessages.Entry;
import io.tlsprobe.starttls.LdapMessages.Response;
import io.tlsprobe.starttls.LdapMessages.Result;
import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * LDAP StartTLS (<a href="https://www.rfc-editor.org/rfc/rfc4511#section-4.14">RFC 4511 §4.14</a>): the probe first
 * reads the root DSE (RFC 4512 §5.1) for {@code supportedExtension} and {@code supportedSASLMechanisms}, which tell
 * whether StartTLS is advertised and which authentication the server offers before TLS, then sends the StartTLS
 * ExtendedRequest and reads its ExtendedResponse: result code {@code success (0)} means TLS starts on the next byte.
 * The extended operation is sent even when the root DSE does not list it (it is harmless and the answer is the
 * evidence); any other result code is a refusal, quoted with its name and diagnosticMessage. LDAP has no greeting.
 *
 * <pre>
 * C: LDAP SearchRequest root DSE (messageID 1)          base "", scope base, (objectClass=*)
 * S: LDAP SearchResultEntry "" (messageID 1)            supportedExtension: 1.3.6.1.4.1.1466.20037, …
 * S: LDAP SearchResultDone success (0) (messageID 1)
 * C: LDAP ExtendedRequest StartTLS (messageID 2)        requestName 1.3.6.1.4.1.1466.20037
 * S: LDAP ExtendedResponse success (0) (messageID 2)
 * </pre>
 */
final class LdapDialect implements Dialect {
  /** The root DSE attributes asked for. */
  static final List<String> ROOT_DSE_ATTRIBUTES = List.of("supportedExtension", "supportedSASLMechanisms");
  /** The most messages a root DSE search may answer with (a base search returns one entry and a done). */
  static final int MAX_SEARCH_MESSAGES = 16;

  static final int SEARCH_ID = 1;
  static final int START_TLS_ID = 2;
  static final int SEARCH_AFTER_TLS_ID = 3;

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    Optional<Entry> rootDse = readRootDse(c, SEARCH_ID);
    Optional<List<String>> extensions = rootDse.flatMap(e -> e.values("supportedExtension"));
    List<String> sasl = rootDse.flatMap(e -> e.values("supportedSASLMechanisms")).orElse(List.of());
    c.phase().capabilitiesBefore(capabilities(rootDse));
    extensions.ifPresent(x -> c.phase().startTlsAdvertised(x.contains(LdapMessages.START_TLS_OID)));
    if (!sasl.isEmpty()) {
      c.phase().plainTextAuthenticationOffered(true);
      c.phase().authenticationEvidence("supportedSASLMechanisms " + String.join(" ", sasl)
          + " in the root DSE before TLS");
    }

    c.awaiting("the ExtendedResponse to StartTLS");
    c.sendBytes(LdapMessages.startTlsRequest(START_TLS_ID), "LDAP ExtendedRequest StartTLS (messageID "
        + START_TLS_ID + ")");
    Response response = LdapMessages.read(c);
    noticeOfDisconnection(c, response, "StartTLS");
    if (response.messageId() != START_TLS_ID || !(response instanceof Result result)
        || result.tag() != LdapMessages.EXTENDED_RESPONSE) {
      throw c.fail(Reason.GARBAGE, "server answered StartTLS (messageID " + START_TLS_ID + ") with "
          + response.describe() + " (messageID " + response.messageId() + "), not an ExtendedResponse");
    }
    if (result.resultCode() != 0) {
      String why = extensions.filter(x -> !x.contains(LdapMessages.START_TLS_OID))
          .map(x -> "; its root DSE did not list " + LdapMessages.START_TLS_OID + " among supportedExtension: "
              + (x.isEmpty() ? "none" : String.join(", ", x)))
          .orElse("");
      throw c.fail(Reason.REFUSED, "server refused StartTLS: " + result.text() + why);
    }
    c.phase().upgraded(true);
  }

  /** Reads the root DSE again inside TLS: {@code capabilitiesAfter}. */
  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(capabilities(readRootDse(c, SEARCH_AFTER_TLS_ID)));
  }

  /**
   * Searches the root DSE; empty when the server answers the search without an entry or with a failure (the
   * transcript shows which): some servers hide it from anonymous clients.
   */
  private static Optional<Entry> readRootDse(Conversation c, int messageId) throws IOException {
    c.awaiting("the root DSE (search for " + String.join(", ", ROOT_DSE_ATTRIBUTES) + ")");
    c.sendBytes(LdapMessages.rootDseSearch(messageId, ROOT_DSE_ATTRIBUTES), "LDAP SearchRequest root DSE "
        + String.join(", ", ROOT_DSE_ATTRIBUTES) + " (messageID " + messageId + ")");
    Entry entry = null;
    for (int i = 0; i < MAX_SEARCH_MESSAGES; i++) {
      Response response = LdapMessages.read(c);
      noticeOfDisconnection(c, response, "the root DSE search");
      if (response.messageId() != messageId) {
        throw c.fail(Reason.GARBAGE, "server answered the root DSE search (messageID " + messageId + ") with "
            + response.describe() + " for messageID " + response.messageId());
      }
      if (response instanceof Entry e && entry == null) {
        entry = e;
      } else if (response instanceof Result r) {
        if (r.tag() != LdapMessages.SEARCH_RESULT_DONE) {
          throw c.fail(Reason.GARBAGE, "server answered the root DSE search with " + r.describe());
        }
        return r.resultCode() == 0 ? Optional.ofNullable(entry) : Optional.empty();
      }
    }
    throw c.fail(Reason.TOO_MUCH, "server answered the root DSE search with more than " + MAX_SEARCH_MESSAGES
        + " messages");
  }

  private static void noticeOfDisconnection(Conversation c, Response response, String request)
      throws StartTlsException {
    if (response instanceof Result r && r.isNoticeOfDisconnection()) {
      throw c.fail(Reason.REFUSED, "server sent a Notice of Disconnection instead of answering " + request + ": "
          + r.text());
    }
  }

  /** {@code supportedExtension: 1.3.6.1.4.1.1466.20037}, … then {@code supportedSASLMechanisms: SCRAM-SHA-256}, …. */
  private static List<String> capabilities(Optional<Entry> rootDse) {
    List<String> out = new ArrayList<>();
    rootDse.ifPresent(e -> {
      for (String attribute : ROOT_DSE_ATTRIBUTES) {
        e.values(attribute).orElse(List.of()).forEach(v -> out.add(attribute + ": " + v));
      }
    });
    return out;
  }
}
