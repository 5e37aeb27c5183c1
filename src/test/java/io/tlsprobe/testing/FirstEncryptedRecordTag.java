package io.tlsprobe.testing;

/**
 * A {@link LoopbackRelay.Tamper} that flips the last byte (the AEAD tag's) of the first application_data record in one
 * direction's stream of TLS records, so that its receiver fails to decrypt it ("Tag mismatch") as when the two sides'
 * keys differ; the record boundaries are followed from each 5-byte header, across chunks. One per connection.
 *
 * <pre>{@code
 * HostilePeer.start(c -> LoopbackRelay.relay(c, server.port(), new FirstEncryptedRecordTag()));
 * }</pre>
 */
public final class FirstEncryptedRecordTag implements LoopbackRelay.Tamper {
  private static final int APPLICATION_DATA = 23;

  private final byte[] header = new byte[5];
  private int headerBytes;
  private int bodyLeft;
  private boolean corruptThis;
  private boolean done;

  @Override
  public void apply(byte[] buffer, int length) {
    for (int i = 0; i < length && !done; i++) {
      if (bodyLeft == 0) {
        header[headerBytes++] = buffer[i];
        if (headerBytes == header.length) {
          headerBytes = 0;
          bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
          corruptThis = header[0] == APPLICATION_DATA;
        }
      } else if (--bodyLeft == 0 && corruptThis) {
        buffer[i] ^= 0x01;
        done = true;
      }
    }
  }
}
