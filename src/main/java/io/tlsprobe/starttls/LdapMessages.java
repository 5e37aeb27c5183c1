package io.tlsprobe.starttls;

import io.tlsprobe.starttls.Ber.MalformedException;
import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The LDAP messages (RFC 4511 §4) the StartTLS dialect sends and reads, BER-encoded by {@link BerWriter} and
 * {@link BerReader}, and the framing of one message on the wire with a size bound. Every message read is recorded as
 * one transcript line describing it, with its bytes in hex.
 *
 * <pre>
 * LDAPMessage ::= SEQUENCE {
 *      messageID       MessageID,                  -- INTEGER (0 .. maxInt)
 *      protocolOp      CHOICE {
 *           searchRequest         SearchRequest,      -- [APPLICATION 3]
 *           searchResEntry        SearchResultEntry,  -- [APPLICATION 4]
 *           searchResDone         SearchResultDone,   -- [APPLICATION 5]
 *           searchResRef          SearchResultReference, -- [APPLICATION 19]
 *           extendedReq           ExtendedRequest,    -- [APPLICATION 23]
 *           extendedResp          ExtendedResponse,   -- [APPLICATION 24]
 *           ... },
 *      controls       [0] Controls OPTIONAL }
 * </pre>
 */
final class LdapMessages {
  /** RFC 4511 §4.14.1: the StartTLS extended operation. */
  static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";
  /** RFC 4511 §4.4.1: the Notice of Disconnection, sent unsolicited with messageID 0. */
  static final String NOTICE_OF_DISCONNECTION_OID = "1.3.6.1.4.1.1466.20036";
  /** The largest LDAP message accepted before TLS: a root DSE is a few kilobytes. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** The most characters of a diagnosticMessage quoted in a failure. */
  static final int MAX_DIAGNOSTIC_CHARS = 512;

  static final int SEARCH_REQUEST = 0x63;
  static final int SEARCH_RESULT_ENTRY = 0x64;
  static final int SEARCH_RESULT_DONE = 0x65;
  static final int SEARCH_RESULT_REFERENCE = 0x73;
  static final int EXTENDED_REQUEST = 0x77;
  static final int EXTENDED_RESPONSE = 0x78;
  private static final int CONTROLS = 0xA0;
  private static final int REFERRAL = 0xA3;
  private static final int RESPONSE_NAME = 0x8A;
  private static final int RESPONSE_VALUE = 0x8B;
  private static final int FILTER_PRESENT = 0x87;

  /** RFC 4511 Appendix A.1: the result codes and their names. */
  private static final Map<Integer, String> RESULT_CODES = Map.ofEntries(
      Map.entry(0, "success"), Map.entry(1, "operationsError"), Map.entry(2, "protocolError"),
      Map.entry(3, "timeLimitExceeded"), Map.entry(4, "sizeLimitExceeded"), Map.entry(5, "compareFalse"),
      Map.entry(6, "compareTrue"), Map.entry(7, "authMethodNotSupported"), Map.entry(8, "strongerAuthRequired"),
      Map.entry(10, "referral"), Map.entry(11, "adminLimitExceeded"), Map.entry(12, "unavailableCriticalExtension"),
      Map.entry(13, "confidentialityRequired"), Map.entry(14, "saslBindInProgress"), Map.entry(16, "noSuchAttribute"),
      Map.entry(17, "undefinedAttributeType"), Map.entry(18, "inappropriateMatching"),
      Map.entry(19, "constraintViolation"), Map.entry(20, "attributeOrValueExists"),
      Map.entry(21, "invalidAttributeSyntax"), Map.entry(32, "noSuchObject"), Map.entry(33, "aliasProblem"),
      Map.entry(34, "invalidDNSyntax"), Map.entry(36, "aliasDereferencingProblem"),
      Map.entry(48, "inappropriateAuthentication"), Map.entry(49, "invalidCredentials"),
      Map.entry(50, "insufficientAccessRights"), Map.entry(51, "busy"), Map.entry(52, "unavailable"),
      Map.entry(53, "unwillingToPerform"), Map.entry(54, "loopDetect"), Map.entry(64, "namingViolation"),
      Map.entry(65, "objectClassViolation"), Map.entry(66, "notAllowedOnNonLeaf"), Map.entry(67, "notAllowedOnRDN"),
      Map.entry(68, "entryAlreadyExists"), Map.entry(69, "objectClassModsProhibited"),
      Map.entry(71, "affectsMultipleDSAs"), Map.entry(80, "other"));

  private LdapMessages() {}

  /**
   * <pre>
   * ExtendedRequest ::= [APPLICATION 23] SEQUENCE {
   *      requestName      [0] LDAPOID,
   *      requestValue     [1] OCTET STRING OPTIONAL }   -- absent for StartTLS (RFC 4511 §4.14.1)
   * </pre>
   */
  static byte[] startTlsRequest(int messageId) {
    return message(messageId, BerWriter.tlv(EXTENDED_REQUEST, BerWriter.octets(0x80, START_TLS_OID)));
  }

  /**
   * A base-scope search of the root DSE (RFC 4512 §5.1) for {@code attributes}, filter {@code (objectClass=*)}.
   *
   * <pre>
   * SearchRequest ::= [APPLICATION 3] SEQUENCE {
   *      baseObject      LDAPDN,                        -- ""
   *      scope           ENUMERATED { baseObject (0), ... },
   *      derefAliases    ENUMERATED { neverDerefAliases (0), ... },
   *      sizeLimit       INTEGER (0 .. maxInt),
   *      timeLimit       INTEGER (0 .. maxInt),
   *      typesOnly       BOOLEAN,
   *      filter          Filter,                        -- present [7] AttributeDescription
   *      attributes      AttributeSelection }           -- SEQUENCE OF selector LDAPString
   * </pre>
   */
  static byte[] rootDseSearch(int messageId, List<String> attributes) {
    List<byte[]> selectors = new ArrayList<>();
    for (String a : attributes) {
      selectors.add(BerWriter.octets(Ber.OCTET_STRING, a));
    }
    return message(messageId, BerWriter.tlv(SEARCH_REQUEST,
        BerWriter.octets(Ber.OCTET_STRING, ""),
        BerWriter.integer(Ber.ENUMERATED, 0),
        BerWriter.integer(Ber.ENUMERATED, 0),
        BerWriter.integer(Ber.INTEGER, 0),
        BerWriter.integer(Ber.INTEGER, 0),
        BerWriter.bool(false),
        BerWriter.octets(FILTER_PRESENT, "objectClass"),
        BerWriter.tlv(Ber.SEQUENCE, selectors.toArray(byte[][]::new))));
  }

  private static byte[] message(int messageId, byte[] protocolOp) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, messageId), protocolOp);
  }

  /** {@code protocolError (2)}; {@code 99 (unknown)} for codes RFC 4511 does not name. */
  static String resultCodeName(long code) {
    String name = code >= 0 && code <= Integer.MAX_VALUE ? RESULT_CODES.get((int) code) : null;
    return (name == null ? "unknown" : name) + " (" + code + ")";
  }

  /** One message the server sent: its ID, its protocolOp's tag, and what the dialect needs of it. */
  sealed interface Response permits Entry, Result, Other {
    long messageId();

    /** What the transcript line says of it. */
    String describe();
  }

  /**
   * <pre>
   * SearchResultEntry ::= [APPLICATION 4] SEQUENCE {
   *      objectName      LDAPDN,
   *      attributes      PartialAttributeList }
   * PartialAttributeList ::= SEQUENCE OF partialAttribute PartialAttribute
   * PartialAttribute ::= SEQUENCE {
   *      type       AttributeDescription,
   *      vals       SET OF value AttributeValue }
   * </pre>
   *
   * @param attributes each attribute's values by its type as sent
   */
  record Entry(long messageId, String objectName, Map<String, List<String>> attributes) implements Response {
    Entry {
      attributes = Map.copyOf(attributes);
    }

    /** The values of {@code type} (compared case-insensitively, RFC 4512 §2.5); empty when absent. */
    Optional<List<String>> values(String type) {
      return attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(type)).map(Map.Entry::getValue)
          .findFirst();
    }

    @Override
    public String describe() {
      return "SearchResultEntry \"" + objectName + "\" with " + attributes.size() + " attribute"
          + (attributes.size() == 1 ? "" : "s");
    }
  }

  /**
   * SearchResultDone or ExtendedResponse (by {@code tag}).
   *
   * <pre>
   * LDAPResult ::= SEQUENCE {
   *      resultCode         ENUMERATED { success (0), ... },
   *      matchedDN          LDAPDN,
   *      diagnosticMessage  LDAPString,
   *      referral           [3] Referral OPTIONAL }
   * SearchResultDone ::= [APPLICATION 5] LDAPResult
   * ExtendedResponse ::= [APPLICATION 24] SEQUENCE {
   *      COMPONENTS OF LDAPResult,
   *      responseName     [10] LDAPOID OPTIONAL,
   *      responseValue    [11] OCTET STRING OPTIONAL }
   * </pre>
   */
  record Result(long messageId, int tag, long resultCode, String diagnosticMessage, Optional<String> responseName)
      implements Response {
    /** {@code protocolError (2) "unsupported extended operation"}. */
    String text() {
      return resultCodeName(resultCode) + (diagnosticMessage.isEmpty() ? "" : " \"" + diagnosticMessage + "\"");
    }

    boolean isNoticeOfDisconnection() {
      return messageId == 0 && tag == EXTENDED_RESPONSE;
    }

    @Override
    public String describe() {
      String name = tag == EXTENDED_RESPONSE ? "ExtendedResponse" : "SearchResultDone";
      return (isNoticeOfDisconnection() ? "Notice of Disconnection (ExtendedResponse)" : name) + " " + text()
          + responseName.map(n -> " responseName " + n).orElse("");
    }
  }

  /** Any other protocolOp (a SearchResultReference, or one a server should not send us). */
  record Other(long messageId, int tag) implements Response {
    @Override
    public String describe() {
      return tag == SEARCH_RESULT_REFERENCE ? "SearchResultReference" : "protocolOp with tag " + Ber.hex(tag);
    }
  }

  /**
   * Reads one LDAPMessage, bounded by {@link #MAX_MESSAGE_BYTES}, records it and returns it.
   *
   * @throws StartTlsException {@code GARBAGE} for bytes that are not an LDAPMessage (quoting the offset),
   *     {@code TOO_MUCH} for a message over the bound, or the conversation's failures (closed, silent)
   */
  static Response read(Conversation c) throws IOException {
    byte[] head = new byte[2 + BerReader.MAX_LENGTH_OCTETS];
    int count = 0;
    long size = -1;
    try {
      while (size < 0) {
        head[count] = c.readExactly(1)[0];
        count++;
        if (count == 1 && (head[0] & 0xFF) != Ber.SEQUENCE) {
          byte[] more = c.drainBuffered();
          byte[] seen = new byte[Math.min(1 + more.length, 64)];
          seen[0] = head[0];
          System.arraycopy(more, 0, seen, 1, seen.length - 1);
          c.recordServer("not an LDAP message", seen);
          throw c.fail(Reason.GARBAGE, "server's answer is not an LDAP message: it begins with "
              + Ber.hex(head[0] & 0xFF) + " where an LDAPMessage SEQUENCE (0x30) begins, at offset 0: "
              + Conversation.printable(seen));
        }
        size = BerReader.elementSize(head, count);
      }
    } catch (MalformedException e) {
      c.recordServer("malformed LDAP message", Arrays.copyOf(head, count));
      throw c.fail(Reason.GARBAGE, "server's answer is not an LDAP message: " + e.getMessage());
    }
    if (size > MAX_MESSAGE_BYTES) {
      c.recordServer("LDAP message header announcing " + size + " bytes", Arrays.copyOf(head, count));
      throw c.fail(Reason.TOO_MUCH, "server announced an LDAP message of " + size + " bytes (at most "
          + MAX_MESSAGE_BYTES + " accepted) while we awaited the answer");
    }
    byte[] message = new byte[(int) size];
    System.arraycopy(head, 0, message, 0, count);
    byte[] rest = c.readExactly((int) size - count);
    System.arraycopy(rest, 0, message, count, rest.length);
    Response response;
    try {
      response = parse(message);
    } catch (MalformedException e) {
      c.recordServer("malformed LDAP message", message);
      throw c.fail(Reason.GARBAGE, "server sent a malformed LDAP message: " + e.getMessage() + " ["
          + HexFormat.of().formatHex(message, 0, Math.min(message.length, 64)) + (message.length > 64 ? "…" : "")
          + "]");
    }
    c.recordServer("LDAP " + response.describe() + " (messageID " + response.messageId() + ")", message);
    return response;
  }

  /** Parses one whole LDAPMessage. */
  static Response parse(byte[] bytes) throws MalformedException {
    BerReader outer = BerReader.of(bytes);
    BerReader message = outer.enter(Ber.SEQUENCE, "LDAPMessage");
    outer.expectEnd("the LDAPMessage");
    int idAt = message.offset();
    long id = message.integer(Ber.INTEGER, "messageID");
    if (id < 0 || id > Integer.MAX_VALUE) {
      throw new MalformedException("messageID " + id + " is outside 0 .. maxInt", idAt);
    }
    int tag = message.peekTag();
    Response response;
    switch (tag) {
      case SEARCH_RESULT_ENTRY -> response = entry(id, message.enter(tag, "SearchResultEntry"));
      case SEARCH_RESULT_DONE, EXTENDED_RESPONSE -> response = result(id, tag,
          message.enter(tag, tag == EXTENDED_RESPONSE ? "ExtendedResponse" : "SearchResultDone"));
      default -> {
        message.skip("protocolOp");
        response = new Other(id, tag);
      }
    }
    if (message.peekTag() == CONTROLS) {
      message.skip("controls");
    }
    message.expectEnd("the protocolOp and controls");
    return response;
  }

  private static Entry entry(long id, BerReader op) throws MalformedException {
    String name = op.string(Ber.OCTET_STRING, "objectName");
    BerReader list = op.enter(Ber.SEQUENCE, "PartialAttributeList");
    op.expectEnd("the SearchResultEntry's attributes");
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    while (list.hasMore()) {
      BerReader attribute = list.enter(Ber.SEQUENCE, "PartialAttribute");
      int typeAt = attribute.offset();
      String type = attribute.string(Ber.OCTET_STRING, "type");
      BerReader vals = attribute.enter(Ber.SET, "vals of " + type);
      attribute.expectEnd("the vals of " + type);
      List<String> values = new ArrayList<>();
      while (vals.hasMore()) {
        values.add(vals.string(Ber.OCTET_STRING, "a value of " + type));
      }
      if (attributes.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(type.toLowerCase(Locale.ROOT)))) {
        throw new MalformedException("attribute " + type + " appears twice", typeAt);
      }
      attributes.put(type, List.copyOf(values));
    }
    return new Entry(id, name, attributes);
  }

  private static Result result(long id, int tag, BerReader op) throws MalformedException {
    long code = op.integer(Ber.ENUMERATED, "resultCode");
    op.octets(Ber.OCTET_STRING, "matchedDN");
    String diagnostic = Conversation.printable(op.octets(Ber.OCTET_STRING, "diagnosticMessage"));
    if (diagnostic.length() > MAX_DIAGNOSTIC_CHARS) {
      diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC_CHARS) + "…";
    }
    if (op.peekTag() == REFERRAL) {
      op.skip("referral");
    }
    Optional<String> responseName = Optional.empty();
    if (tag == EXTENDED_RESPONSE) {
      if (op.peekTag() == RESPONSE_NAME) {
        responseName = Optional.of(op.string(RESPONSE_NAME, "responseName"));
      }
      if (op.peekTag() == RESPONSE_VALUE) {
        op.skip("responseValue");
      }
    }
    op.expectEnd(tag == EXTENDED_RESPONSE ? "the ExtendedResponse" : "the SearchResultDone");
    return new Result(id, tag, code, diagnostic, responseName);
  }
}
