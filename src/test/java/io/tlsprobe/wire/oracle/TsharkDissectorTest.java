package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsharkDissectorTest {
  @Test
  void keepsRepeatedKeysAsSeparateRecordsAndValuesInOrder() {
    // given tshark's JSON style: repeated keys for repeated records and fields
    String json = """
        [ { "_source": { "layers": {
          "frame": { "frame.number": "5" },
          "tcp": { "tcp.srcport": "4433" },
          "tls": {
            "tls.record": { "tls.record.content_type": "22", "tls.record.length": "93",
              "tls.handshake": { "tls.handshake.type": "2", "tls.handshake.ciphersuite": "0xc02f",
                "Extension: a": { "tls.handshake.extension.type": "65281" },
                "Extension: b": { "tls.handshake.extension.type": "11" } } },
            "tls.record": { "tls.record.content_type": "22", "tls.record.length": "4",
              "tls.handshake": { "tls.handshake.type": "14", "tls.handshake.length": "0" } },
            "tls.record": { "tls.record.content_type": "21",
              "tls.alert_message": { "tls.alert_message.level": "2", "tls.alert_message.desc": "40" } }
          },
          "x509af.version": "2"
        } } } ]
        """;

    // when
    Dissection d = TsharkDissector.parse(json);

    // then
    assertThat(d.records()).hasSize(3);
    assertThat(d.records()).allSatisfy(r -> assertThat(r.srcPort()).isEqualTo(4433));
    assertThat(d.records().get(2).values("tls.alert_message.desc")).containsExactly("40");
    assertThat(d.records().get(0).fields()).doesNotContainKey("tls.handshake.type");
    assertThat(d.messages()).extracting(TsharkPdu::handshakeType).containsExactly(2, 14);
    assertThat(d.messages().get(0).values("tls.handshake.extension.type")).containsExactly("65281", "11");
    assertThat(d.messages().get(0).frame()).isEqualTo(5);
    assertThat(d.messagesFrom(4433)).hasSize(2);
    assertThat(d.messagesFrom(50000)).isEmpty();
  }

  @Test
  void readsNoPacketsAsAnEmptyDissection() {
    assertThat(TsharkDissector.parse("").records()).isEmpty();
  }
}
