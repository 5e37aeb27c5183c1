package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import io.tlsprobe.wire.ServerHello;
import io.tlsprobe.wire.ServerHelloDone;
import io.tlsprobe.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightViewTest {
  private static byte[] serverHello12() {
    ServerHello hello = new ServerHello(0x0303, Bytes.of(new byte[32]), Bytes.empty(), 0xc02f, 0,
        List.of(new RenegotiationInfoExtension(Bytes.empty())), true);
    return TlsRecord.wrapHandshake(hello.encode(), 0x0303);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void keepsWhatDecodedBeforeBytesTheCodecCannotRead() {
    byte[] bytes = concat(serverHello12(), HexFormat.of().parseHex("160303ffff00"));

    FlightView view = FlightView.of(bytes);

    assertThat(view.serverHello()).isPresent();
    assertThat(view.problem()).hasValueSatisfying(p -> assertThat(p).contains("record.length"));
    assertThat(view.flightComplete()).isTrue();
  }

  @Test
  void waitsForMoreUntilServerHelloDoneInTls12() {
    FlightView partial = FlightView.of(serverHello12());
    FlightView whole = FlightView.of(concat(serverHello12(),
        TlsRecord.wrapHandshake(new ServerHelloDone().encode(), 0x0303)));

    assertThat(partial.flightComplete()).isFalse();
    assertThat(whole.flightComplete()).isTrue();
  }

  @Test
  void endsTheFlightAtAnAlert() {
    FlightView view = FlightView.of(HexFormat.of().parseHex("15030300020246"));

    assertThat(view.fatalAlert()).hasValueSatisfying(a -> assertThat(a.description()).isEqualTo(70));
    assertThat(view.fatalAlertBeforeServerHello()).isPresent();
    assertThat(view.flightComplete()).isTrue();
  }

  @Test
  void describesAnIncompleteRecord() {
    assertThat(FlightView.of(HexFormat.of().parseHex("160303")).bytesSummary())
        .isEqualTo("3 bytes from the server, ending in an incomplete record (3 of 5 header bytes)");
    assertThat(FlightView.of(HexFormat.of().parseHex("16030300100200")).bytesSummary())
        .isEqualTo("7 bytes from the server, ending in an incomplete record (2 of 16 bytes)");
  }
}
