package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
  /** One packet of the file: its IPv4+TCP bytes. */
  private static List<byte[]> packets(byte[] pcap) {
    ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    in.position(24);
    List<byte[]> out = new ArrayList<>();
    while (in.hasRemaining()) {
      in.getInt();
      in.getInt();
      int length = in.getInt();
      assertThat(in.getInt()).as("orig_len").isEqualTo(length);
      byte[] packet = new byte[length];
      in.get(packet);
      out.add(packet);
    }
    return out;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16) | u16(b, at + 2);
  }

  /** The one's-complement sum of a block whose checksum is correct is 0xffff (RFC 1071). */
  private static int sum(byte[] b, int from, int length, long start) {
    long sum = start;
    for (int i = 0; i < length; i += 2) {
      sum += ((b[from + i] & 0xff) << 8) | (i + 1 < length ? b[from + i + 1] & 0xff : 0);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  @Test
  void writesAPcapHeaderForRawIpv4() {
    // when
    byte[] pcap = new PcapWriter().toByteArray();

    // then: magic, version 2.4, snaplen 65535, LINKTYPE_RAW
    ByteBuffer header = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(pcap).hasSize(24);
    assertThat(header.getInt(0)).isEqualTo(0xa1b2c3d4);
    assertThat(header.getShort(4)).isEqualTo((short) 2);
    assertThat(header.getShort(6)).isEqualTo((short) 4);
    assertThat(header.getInt(16)).isEqualTo(65535);
    assertThat(header.getInt(20)).isEqualTo(PcapWriter.LINKTYPE_RAW);
  }

  @Test
  void cutsPayloadsIntoSegmentsWithConsecutiveSequenceNumbersAndValidChecksums() {
    // given a connection with 5-byte segments
    PcapWriter writer = new PcapWriter();
    writer.connection(40000, 4433).segmentSize(5).client(new byte[12]).server(new byte[3]);

    // when
    List<byte[]> packets = packets(writer.toByteArray());

    // then: SYN, SYN-ACK, ACK, three client segments (5, 5, 2), one server segment
    assertThat(packets).hasSize(7);
    assertThat(writer.packets()).isEqualTo(7);
    assertThat(packets.stream().map(p -> p.length - 40).toList()).containsExactly(0, 0, 0, 5, 5, 2, 3);
    long clientSeq = u32(packets.get(3), 24);
    assertThat(u32(packets.get(4), 24)).isEqualTo(clientSeq + 5);
    assertThat(u32(packets.get(5), 24)).isEqualTo(clientSeq + 10);
    assertThat(u32(packets.get(6), 28)).as("server acknowledges all client bytes").isEqualTo(clientSeq + 12);
    assertThat(u16(packets.get(6), 20)).as("server source port").isEqualTo(4433);
    for (byte[] p : packets) {
      assertThat(sum(p, 0, 20, 0)).as("IPv4 header checksum").isEqualTo(0xffff);
      long pseudo = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + (p.length - 20);
      assertThat(sum(p, 20, p.length - 20, pseudo)).as("TCP checksum").isEqualTo(0xffff);
    }
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PcapWriter().connection(0, 4433))
        .withMessageContaining("port 0");
  }
}
