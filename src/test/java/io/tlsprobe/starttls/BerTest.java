package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.starttls.Ber.MalformedException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BerTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encodesStartTlsRequestAsRfc4511Prescribes() {
    // 30 1d: LDAPMessage; 02 01 01: messageID 1; 77 18: [APPLICATION 23]; 80 16: [0] requestName, 22 octets
    assertThat(HEX.formatHex(LdapMessages.startTlsRequest(1)))
        .isEqualTo("301d02010177188016" + HEX.formatHex("1.3.6.1.4.1.1466.20037".getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @CsvSource({"0, 020100", "1, 020101", "127, 02017f", "128, 02020080", "256, 02020100", "-1, 0201ff",
      "-128, 020180", "-129, 0202ff7f", "2147483647, 02047fffffff"})
  void encodesIntegersInTheFewestTwosComplementOctets(long value, String hex) throws MalformedException {
    byte[] encoded = BerWriter.integer(Ber.INTEGER, value);

    assertThat(HEX.formatHex(encoded)).isEqualTo(hex);
    assertThat(BerReader.of(encoded).integer(Ber.INTEGER, "n")).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"0, 00", "127, 7f", "128, 8180", "255, 81ff", "256, 820100", "65535, 82ffff"})
  void roundTripsOctetStringsAcrossLengthForms(int length, String lengthOctets) throws MalformedException {
    String text = "x".repeat(length);

    byte[] encoded = BerWriter.octets(Ber.OCTET_STRING, text);

    assertThat(HEX.formatHex(encoded, 0, 1 + lengthOctets.length() / 2)).isEqualTo("04" + lengthOctets);
    BerReader reader = BerReader.of(encoded);
    assertThat(reader.string(Ber.OCTET_STRING, "s")).isEqualTo(text);
    assertThat(reader.hasMore()).isFalse();
    assertThat(BerReader.elementSize(encoded, encoded.length)).isEqualTo(encoded.length);
  }

  @Test
  void refusesToWriteLongerThanItsBound() {
    assertThatThrownBy(() -> BerWriter.tlv(Ber.OCTET_STRING, new byte[BerWriter.MAX_LENGTH + 1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
  }

  @Test
  void roundTripsNestedSequencesAndBooleans() throws MalformedException {
    byte[] encoded = BerWriter.tlv(Ber.SEQUENCE, BerWriter.bool(true), BerWriter.tlv(Ber.SET,
        BerWriter.octets(Ber.OCTET_STRING, "a"), BerWriter.octets(Ber.OCTET_STRING, "bc")),
        BerWriter.integer(Ber.ENUMERATED, 52));

    BerReader seq = BerReader.of(encoded).enter(Ber.SEQUENCE, "seq");
    assertThat(seq.octets(Ber.BOOLEAN, "bool")).containsExactly(0xFF);
    BerReader set = seq.enter(Ber.SET, "set");
    assertThat(List.of(set.string(Ber.OCTET_STRING, "a"), set.string(Ber.OCTET_STRING, "b"))).containsExactly("a", "bc");
    set.expectEnd("set");
    assertThat(seq.integer(Ber.ENUMERATED, "code")).isEqualTo(52);
    seq.expectEnd("seq");
  }

  @Test
  void rejectsIndefiniteLength() {
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("3080020101000000")).enter(Ber.SEQUENCE, "LDAPMessage"))
        .isInstanceOf(MalformedException.class).hasMessage(
            "LDAPMessage uses the indefinite length form (RFC 4511 §5.1 forbids it) at offset 0");
    assertThatThrownBy(() -> BerReader.elementSize(HEX.parseHex("3080"), 2))
        .isInstanceOf(MalformedException.class).hasMessageContaining("indefinite");
  }

  @Test
  void rejectsAnElementLongerThanItsEnclosingOne() {
    // the INTEGER at offset 2 claims 5 octets, only 1 is left in the SEQUENCE
    BerReader seq = uncheckedEnter("3003020501");

    assertThatThrownBy(() -> seq.integer(Ber.INTEGER, "messageID")).isInstanceOf(MalformedException.class)
        .hasMessage("messageID claims 5 bytes but only 1 are left at offset 2")
        .extracting(e -> ((MalformedException) e).offset()).isEqualTo(2);
  }

  @Test
  void rejectsTruncatedOuterElement() {
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("300a020101")).enter(Ber.SEQUENCE, "LDAPMessage"))
        .isInstanceOf(MalformedException.class).hasMessage("LDAPMessage claims 10 bytes but only 3 are left at offset 0");
  }

  @Test
  void rejectsLengthsOfMoreThanFourOctetsAndMultiByteTags() {
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("30850000000001")).enter(Ber.SEQUENCE, "m"))
        .isInstanceOf(MalformedException.class).hasMessageContaining("length of 5 octets");
    assertThatThrownBy(() -> BerReader.elementSize(HEX.parseHex("3085"), 2))
        .isInstanceOf(MalformedException.class).hasMessageContaining("length of 5 octets");
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("1f8101")).skip("x"))
        .isInstanceOf(MalformedException.class).hasMessageContaining("multi-byte tag 0x1f");
  }

  @Test
  void rejectsWrongTagTrailingBytesAndOversizedIntegers() {
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("0401ff")).integer(Ber.INTEGER, "messageID"))
        .isInstanceOf(MalformedException.class).hasMessage("messageID expected with tag 0x02, found 0x04 at offset 0");
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("0209010203040506070809")).integer(Ber.INTEGER, "n"))
        .isInstanceOf(MalformedException.class).hasMessage("n has 9 content octets (1 to 8 expected) at offset 0");
    assertThatThrownBy(() -> BerReader.of(HEX.parseHex("0200")).integer(Ber.INTEGER, "n"))
        .isInstanceOf(MalformedException.class).hasMessageContaining("0 content octets");
    BerReader reader = BerReader.of(HEX.parseHex("020101ff"));
    assertThatThrownBy(() -> {
      reader.integer(Ber.INTEGER, "n");
      reader.expectEnd("the message");
    }).isInstanceOf(MalformedException.class).hasMessage("1 unexpected bytes after the message at offset 3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "3082", "308201"})
  void framingWaitsForAllLengthOctets(String head) throws MalformedException {
    byte[] bytes = HEX.parseHex(head);

    assertThat(BerReader.elementSize(bytes, bytes.length)).isEqualTo(-1);
  }

  @Test
  void framingComputesTheSizeOfLongFormElements() throws MalformedException {
    assertThat(BerReader.elementSize(HEX.parseHex("30820100"), 4)).isEqualTo(4 + 256);
    assertThat(BerReader.elementSize(HEX.parseHex("30847fffffff"), 6)).isEqualTo(6L + Integer.MAX_VALUE);
  }

  private static BerReader uncheckedEnter(String hex) {
    try {
      return BerReader.of(HEX.parseHex(hex)).enter(Ber.SEQUENCE, "seq");
    } catch (MalformedException e) {
      throw new AssertionError(e);
    }
  }
}
