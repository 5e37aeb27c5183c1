package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.starttls.Ber.MalformedException;
import io.tlsprobe.starttls.LdapMessages.Entry;
import io.tlsprobe.starttls.LdapMessages.Other;
import io.tlsprobe.starttls.LdapMessages.Result;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LDAP messages as slapd 2.5 (Debian 12) sent them to the dialect's requests, captured on loopback. */
class LdapMessagesTest {
  private static final HexFormat HEX = HexFormat.of();

  /** slapd's SearchResultEntry for the root DSE (lengths in the long form) followed by its SearchResultDone. */
  private static final String SLAPD_ROOT_DSE = "308201200201016482011904003082011330818d0412737570706f7274656445787465"
      + "6e73696f6e31770416312e332e362e312e342e312e313436362e32303033370417312e332e362e312e342e312e343230332e312e31312"
      + "e310417312e332e362e312e342e312e343230332e312e31312e33040b312e332e362e312e312e38040e312e332e362e312e312e32312e"
      + "33040e312e332e362e312e312e32312e313081800417737570706f727465645341534c4d656368616e69736d733165040d534352414d2d"
      + "5348412d353132040d534352414d2d5348412d333834040d534352414d2d5348412d323536040d534352414d2d5348412d323234040b53"
      + "4352414d2d5348412d31040a4449474553542d4d443504084352414d2d4d443504044e544c4d";
  private static final String SLAPD_SEARCH_DONE = "300c02010165070a010004000400";
  /** slapd's answer to StartTLS: success, and no responseName (RFC 4511 makes it optional in practice). */
  private static final String SLAPD_START_TLS_SUCCESS = "300c02010278070a010004000400";

  @Test
  void parsesSlapdsRootDseEntry() throws MalformedException {
    Entry entry = (Entry) LdapMessages.parse(HEX.parseHex(SLAPD_ROOT_DSE));

    assertThat(entry.messageId()).isEqualTo(1);
    assertThat(entry.objectName()).isEmpty();
    assertThat(entry.values("SUPPORTEDEXTENSION")).contains(List.of("1.3.6.1.4.1.1466.20037",
        "1.3.6.1.4.1.4203.1.11.1", "1.3.6.1.4.1.4203.1.11.3", "1.3.6.1.1.8", "1.3.6.1.1.21.3", "1.3.6.1.1.21.1"));
    assertThat(entry.values("supportedSASLMechanisms").orElseThrow()).containsExactly("SCRAM-SHA-512",
        "SCRAM-SHA-384", "SCRAM-SHA-256", "SCRAM-SHA-224", "SCRAM-SHA-1", "DIGEST-MD5", "CRAM-MD5", "NTLM");
    assertThat(entry.values("namingContexts")).isEmpty();
  }

  @Test
  void parsesSlapdsSearchDoneAndStartTlsResponse() throws MalformedException {
    Result done = (Result) LdapMessages.parse(HEX.parseHex(SLAPD_SEARCH_DONE));
    Result startTls = (Result) LdapMessages.parse(HEX.parseHex(SLAPD_START_TLS_SUCCESS));

    assertThat(done.tag()).isEqualTo(LdapMessages.SEARCH_RESULT_DONE);
    assertThat(done.describe()).isEqualTo("SearchResultDone success (0)");
    assertThat(startTls.messageId()).isEqualTo(2);
    assertThat(startTls.tag()).isEqualTo(LdapMessages.EXTENDED_RESPONSE);
    assertThat(startTls.resultCode()).isZero();
    assertThat(startTls.responseName()).isEmpty();
    assertThat(startTls.isNoticeOfDisconnection()).isFalse();
  }

  @Test
  void parsesANoticeOfDisconnectionWithReferralAndControlsSkipped() throws MalformedException {
    byte[] notice = BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, 0),
        BerWriter.tlv(LdapMessages.EXTENDED_RESPONSE, BerWriter.integer(Ber.ENUMERATED, 52),
            BerWriter.octets(Ber.OCTET_STRING, ""), BerWriter.octets(Ber.OCTET_STRING, "going down"),
            BerWriter.tlv(0xA3, BerWriter.octets(Ber.OCTET_STRING, "ldap://other.test/")),
            BerWriter.octets(0x8A, LdapMessages.NOTICE_OF_DISCONNECTION_OID)),
        BerWriter.tlv(0xA0, BerWriter.tlv(Ber.SEQUENCE, BerWriter.octets(Ber.OCTET_STRING, "1.2.3"))));

    Result result = (Result) LdapMessages.parse(notice);

    assertThat(result.isNoticeOfDisconnection()).isTrue();
    assertThat(result.text()).isEqualTo("unavailable (52) \"going down\"");
    assertThat(result.responseName()).contains(LdapMessages.NOTICE_OF_DISCONNECTION_OID);
  }

  @Test
  void keepsOtherProtocolOpsAsOther() throws MalformedException {
    byte[] reference = BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, 1),
        BerWriter.tlv(LdapMessages.SEARCH_RESULT_REFERENCE, BerWriter.octets(Ber.OCTET_STRING, "ldap://x.test/")));

    assertThat(LdapMessages.parse(reference)).isEqualTo(new Other(1, LdapMessages.SEARCH_RESULT_REFERENCE));
  }

  @Test
  void namesResultCodesAndSaysWhenItCannot() {
    assertThat(LdapMessages.resultCodeName(2)).isEqualTo("protocolError (2)");
    assertThat(LdapMessages.resultCodeName(52)).isEqualTo("unavailable (52)");
    assertThat(LdapMessages.resultCodeName(13)).isEqualTo("confidentialityRequired (13)");
    assertThat(LdapMessages.resultCodeName(4711)).isEqualTo("unknown (4711)");
    assertThat(LdapMessages.resultCodeName(-1)).isEqualTo("unknown (-1)");
  }

  @Test
  void rejectsANegativeMessageId() {
    assertThatThrownBy(() -> LdapMessages.parse(HEX.parseHex("300c020180" + "65070a010004000400")))
        .isInstanceOf(MalformedException.class).hasMessage("messageID -128 is outside 0 .. maxInt at offset 2");
  }

  @Test
  void rejectsTrailingBytesAfterTheMessageAndInsideIt() {
    assertThatThrownBy(() -> LdapMessages.parse(HEX.parseHex(SLAPD_SEARCH_DONE + "00")))
        .isInstanceOf(MalformedException.class).hasMessage("1 unexpected bytes after the LDAPMessage at offset 14");
    // SearchResultDone with a stray BOOLEAN after diagnosticMessage
    assertThatThrownBy(() -> LdapMessages.parse(HEX.parseHex("300f020101650a0a0100040004000101ff")))
        .isInstanceOf(MalformedException.class)
        .hasMessage("3 unexpected bytes after the SearchResultDone at offset 14");
  }

  @Test
  void rejectsAnAttributeListedTwice() {
    byte[] twice = BerWriter.tlv(Ber.SEQUENCE, BerWriter.integer(Ber.INTEGER, 1), BerWriter.tlv(
        LdapMessages.SEARCH_RESULT_ENTRY, BerWriter.octets(Ber.OCTET_STRING, ""), BerWriter.tlv(Ber.SEQUENCE,
            attribute("supportedExtension"), attribute("SupportedExtension"))));

    assertThatThrownBy(() -> LdapMessages.parse(twice)).isInstanceOf(MalformedException.class)
        .hasMessageStartingWith("attribute SupportedExtension appears twice at offset");
  }

  @Test
  void entryValuesAreEmptyForAnAbsentAttribute() throws MalformedException {
    Entry entry = (Entry) LdapMessages.parse(HEX.parseHex(SLAPD_ROOT_DSE));

    assertThat(entry.values("supportedControl")).isEqualTo(Optional.empty());
  }

  private static byte[] attribute(String type) {
    return BerWriter.tlv(Ber.SEQUENCE, BerWriter.octets(Ber.OCTET_STRING, type), BerWriter.tlv(Ber.SET,
        BerWriter.octets(Ber.OCTET_STRING, "1.2.3")));
  }
}
