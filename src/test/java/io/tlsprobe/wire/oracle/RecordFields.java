package io.tlsprobe.wire.oracle;

import static io.tlsprobe.wire.oracle.FieldMap.colonHex;
import static io.tlsprobe.wire.oracle.FieldMap.hex4;

import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.TlsRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The tshark fields of each record of one direction, from our {@link Decoded}: content type (tshark calls it
 * {@code opaque_type} for TLS 1.3's protected records), version, length, and what tshark shows of the fragment
 * (alerts, the ChangeCipherSpec marker, application data bytes).
 *
 * <pre>{@code
 * RecordFields.of(TlsDecoder.decode(serverFlight), false); // one FieldMap per record
 * }</pre>
 */
final class RecordFields {
  private static final String R = "tls.record.";

  private RecordFields() {}

  /**
   * One map per record. Once TLS 1.3 is negotiated ({@code tls13}: a ServerHello chose it) every
   * application_data record is protected handshake or data, which tshark marks by naming the content type
   * {@code opaque_type} (RFC 8446 5.2).
   */
  static List<FieldMap> of(Decoded decoded, boolean tls13) {
    List<FieldMap> out = new ArrayList<>();
    Iterator<Alert> alerts = decoded.alerts().iterator();
    for (TlsRecord record : decoded.records()) {
      FieldMap f = new FieldMap();
      boolean opaque = tls13 && record.contentType() == TlsRecord.APPLICATION_DATA;
      f.add(opaque ? R + "opaque_type" : R + "content_type", record.contentType())
          .add(R + "version", hex4(record.version()))
          .add(R + "length", record.fragment().length());
      switch (record.contentType()) {
        case TlsRecord.CHANGE_CIPHER_SPEC -> f.add("tls.change_cipher_spec", "");
        case TlsRecord.ALERT -> {
          for (int i = 0; i + 1 < record.fragment().length() && alerts.hasNext(); i += 2) {
            Alert alert = alerts.next();
            f.add("tls.alert_message.level", alert.level()).add("tls.alert_message.desc", alert.description());
          }
        }
        case TlsRecord.APPLICATION_DATA -> f.add("tls.app_data", colonHex(record.fragment()));
        default -> { }
      }
      out.add(f);
    }
    return out;
  }
}
