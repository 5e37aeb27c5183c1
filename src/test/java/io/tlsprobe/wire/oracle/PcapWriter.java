package io.tlsprobe.wire.oracle;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic libpcap file (<a href="https://www.tcpdump.org/manpages/pcap-savefile.5.html">pcap-savefile</a>,
 * link type {@value #LINKTYPE_RAW}: bare IPv4 packets) holding synthetic TCP connections on 127.0.0.1, so that
 * tshark can dissect any bytes we choose, as if they had crossed a socket, without capturing anything.
 *
 * <p>Each connection opens with SYN, SYN-ACK, ACK; payloads are cut into segments of at most
 * {@link Connection#segmentSize(int)} bytes with consecutive sequence numbers and the peer's next sequence number
 * as acknowledgement, so tshark reassembles records and handshake messages across segments. IPv4 and TCP checksums
 * are computed, so a validating reader is happy too.
 *
 * <pre>{@code
 * PcapWriter pcap = new PcapWriter();
 * pcap.connection(40001, 4433).client(clientHelloRecords).server(serverFlight);
 * pcap.write(tempDir.resolve("flight.pcap"));
 * }</pre>
 */
final class PcapWriter {
  /** LINKTYPE_RAW: each packet starts with its IP header. */
  static final int LINKTYPE_RAW = 101;
  /** The largest TCP payload of one segment by default (a loopback-ish MSS that still splits big flights). */
  static final int DEFAULT_SEGMENT_SIZE = 1400;

  private static final int MAGIC = 0xa1b2c3d4;
  private static final int SNAPLEN = 65535;
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int PSH_ACK = 0x18;
  private static final byte[] LOOPBACK = {127, 0, 0, 1};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long micros = 1_700_000_000L * 1_000_000L;
  private int packets;

  PcapWriter() {
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
        .putInt(LINKTYPE_RAW);
    out.writeBytes(header.array());
  }

  /** Opens a connection from 127.0.0.1:{@code clientPort} to 127.0.0.1:{@code serverPort} (three-way handshake). */
  Connection connection(int clientPort, int serverPort) {
    return new Connection(clientPort, serverPort);
  }

  /** How many packets were written so far. */
  int packets() {
    return packets;
  }

  /** The pcap file's bytes. */
  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Writes the pcap file. */
  Path write(Path file) throws IOException {
    return Files.write(requireNonNull(file, "file"), toByteArray());
  }

  /** One synthetic TCP connection; payloads keep the order in which they are added. */
  final class Connection {
    private final int clientPort;
    private final int serverPort;
    private long clientSeq = 1000;
    private long serverSeq = 500_000;
    private int segmentSize = DEFAULT_SEGMENT_SIZE;

    private Connection(int clientPort, int serverPort) {
      checkPort(clientPort);
      checkPort(serverPort);
      this.clientPort = clientPort;
      this.serverPort = serverPort;
      packet(clientPort, serverPort, clientSeq, 0, SYN, new byte[0]);
      clientSeq++;
      packet(serverPort, clientPort, serverSeq, clientSeq, SYN | ACK, new byte[0]);
      serverSeq++;
      packet(clientPort, serverPort, clientSeq, serverSeq, ACK, new byte[0]);
    }

    /** The largest payload per segment from now on; default {@value PcapWriter#DEFAULT_SEGMENT_SIZE}. */
    Connection segmentSize(int bytes) {
      if (bytes < 1 || bytes > SNAPLEN - 40) {
        throw new IllegalArgumentException("segment size " + bytes + " out of range");
      }
      this.segmentSize = bytes;
      return this;
    }

    /** Bytes the client sends to the server. */
    Connection client(byte[] payload) {
      for (int at = 0; at < payload.length; at += segmentSize) {
        int length = Math.min(segmentSize, payload.length - at);
        byte[] segment = java.util.Arrays.copyOfRange(payload, at, at + length);
        packet(clientPort, serverPort, clientSeq, serverSeq, PSH_ACK, segment);
        clientSeq += length;
      }
      return this;
    }

    /** Bytes the server sends to the client. */
    Connection server(byte[] payload) {
      for (int at = 0; at < payload.length; at += segmentSize) {
        int length = Math.min(segmentSize, payload.length - at);
        byte[] segment = java.util.Arrays.copyOfRange(payload, at, at + length);
        packet(serverPort, clientPort, serverSeq, clientSeq, PSH_ACK, segment);
        serverSeq += length;
      }
      return this;
    }
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
  }

  /*
   * Record header: ts_sec, ts_usec, incl_len, orig_len (all in the file's byte order, little-endian here),
   * then an IPv4 header (20 bytes, no options) and a TCP header (20 bytes, no options).
   */
  private void packet(int srcPort, int dstPort, long seq, long ack, int flags, byte[] payload) {
    int length = 40 + payload.length;
    ByteBuffer ip = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) packets).putShort((short) 0x4000)
        .put((byte) 64).put((byte) 6).putShort((short) 0).put(LOOPBACK).put(LOOPBACK);
    ip.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
        .put((byte) (5 << 4)).put((byte) flags).putShort((short) 0xffff).putShort((short) 0).putShort((short) 0);
    ip.put(payload);
    byte[] bytes = ip.array();
    putShort(bytes, 10, checksum(bytes, 0, 20, 0));
    putShort(bytes, 36, checksum(bytes, 20, length - 20, pseudoHeaderSum(length - 20)));

    ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(length).putInt(length);
    out.writeBytes(record.array());
    out.writeBytes(bytes);
    micros += 1000;
    packets++;
  }

  private static long pseudoHeaderSum(int tcpLength) {
    return 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + tcpLength;
  }

  /** The Internet checksum (RFC 1071) of {@code length} bytes at {@code from}, starting from {@code sum}. */
  private static int checksum(byte[] bytes, int from, int length, long sum) {
    for (int i = 0; i < length; i += 2) {
      int hi = bytes[from + i] & 0xff;
      int lo = i + 1 < length ? bytes[from + i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static void putShort(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 8);
    bytes[at + 1] = (byte) value;
  }
}
