package io.tlsprobe.server;

import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Decoded;
import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import io.tlsprobe.wire.TlsRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a client's first flight with the codec until it holds a whole ClientHello (which may span records), the
 * client closes, sends something that is not TLS, exceeds {@link #LIMIT} bytes, or the deadline passes. Bytes that
 * are not TLS right after a whole ClientHello (in the same read) do not hide it: the hello is kept, and JSSE, handed
 * every byte, refuses what follows.
 *
 * @param bytes every byte read, in order (JSSE is handed all of them afterwards)
 * @param hello the ClientHello, when one was read whole
 * @param ending why reading stopped
 * @param problem the codec's complaint or the I/O failure, for {@link Ending#NOT_TLS} and {@link Ending#RESET}
 * @param firstByteNanos the {@link System#nanoTime()} when the first byte arrived (when reading began, if none did or
 *     some came with the STARTTLS command):
 *     a captured handshake is timed from here, not from the accept
 */
record ClientFirstFlight(byte[] bytes, Optional<ClientHello> hello, Ending ending, @Nullable String problem,
    long firstByteNanos) {
  /** The most bytes read while waiting for a whole ClientHello. */
  static final int LIMIT = 64 * 1024;

  enum Ending { HELLO, CLOSED, TIMEOUT, NOT_TLS, TOO_LARGE, RESET }

  /** Reads from {@code socket} until {@code deadlineNanos} (a {@link System#nanoTime()} value). */
  static ClientFirstFlight read(Socket socket, long deadlineNanos) {
    return read(socket, new byte[0], deadlineNanos);
  }

  /**
   * Reads from {@code socket} until {@code deadlineNanos}, starting with {@code alreadyRead} (the bytes a client sent
   * right after its STARTTLS command, read with it).
   */
  static ClientFirstFlight read(Socket socket, byte[] alreadyRead, long deadlineNanos) {
    byte[] buffer = Arrays.copyOf(alreadyRead, Math.max(4096, alreadyRead.length));
    int length = alreadyRead.length;
    int consumed = 0;
    long firstByte = System.nanoTime();
    try {
      InputStream in = socket.getInputStream();
      if (length > 0 && decodable(buffer, 0, length)) {
        byte[] soFar = Arrays.copyOf(buffer, length);
        Decoded decoded = decode(soFar);
        consumed = decoded.consumed();
        if (decoded.clientHello().isPresent()) {
          return new ClientFirstFlight(soFar, decoded.clientHello(), Ending.HELLO, null, firstByte);
        }
      }
      while (true) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return new ClientFirstFlight(Arrays.copyOf(buffer, length), Optional.empty(), Ending.TIMEOUT, null,
              firstByte);
        }
        if (length == buffer.length) {
          if (length >= LIMIT) {
            return new ClientFirstFlight(buffer, Optional.empty(), Ending.TOO_LARGE, null, firstByte);
          }
          buffer = Arrays.copyOf(buffer, Math.min(LIMIT, length * 2));
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        int n;
        try {
          n = in.read(buffer, length, buffer.length - length);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (n < 0) {
          return new ClientFirstFlight(Arrays.copyOf(buffer, length), Optional.empty(), Ending.CLOSED, null,
              firstByte);
        }
        if (length == 0 && n > 0) {
          firstByte = System.nanoTime();
        }
        length += n;
        if (!decodable(buffer, consumed, length)) {
          continue;
        }
        byte[] soFar = Arrays.copyOf(buffer, length);
        Decoded decoded = decode(soFar);
        consumed = decoded.consumed();
        Optional<ClientHello> hello = decoded.clientHello();
        if (hello.isPresent()) {
          return new ClientFirstFlight(soFar, hello, Ending.HELLO, null, firstByte);
        }
      }
    } catch (TlsDecodeException e) {
      return new ClientFirstFlight(Arrays.copyOf(buffer, length), Optional.empty(), Ending.NOT_TLS, e.getMessage(),
          firstByte);
    } catch (IOException e) {
      return new ClientFirstFlight(Arrays.copyOf(buffer, length), Optional.empty(), Ending.RESET, e.toString(),
          firstByte);
    }
  }

  /**
   * What decoded so far; a whole ClientHello followed by bytes the codec cannot read counts as decoded.
   *
   * @throws TlsDecodeException when malformed bytes come before any whole ClientHello
   */
  private static Decoded decode(byte[] soFar) {
    try {
      return TlsDecoder.decodePartial(soFar);
    } catch (TlsDecodeException e) {
      Decoded before = TlsDecoder.decodeLongestPrefix(soFar);
      if (before.clientHello().isEmpty()) {
        throw e;
      }
      return before;
    }
  }

  /**
   * Whether decoding again can find something new: a whole record follows {@code from}, or bytes that cannot start
   * one (so a client sending a record in many small pieces does not cause a decode per piece).
   */
  private static boolean decodable(byte[] bytes, int from, int length) {
    int available = length - from;
    if (available > 0 && (bytes[from] & 0x80) != 0) {
      return true; // an SSLv2-compatible hello
    }
    if (available < TlsRecord.HEADER_LENGTH) {
      int type = available > 0 ? bytes[from] & 0xff : TlsRecord.HANDSHAKE;
      return available > 1 && bytes[from + 1] != 3 || type < TlsRecord.CHANGE_CIPHER_SPEC || type > TlsRecord.HEARTBEAT;
    }
    int recordLength = ((bytes[from + 3] & 0xff) << 8) | (bytes[from + 4] & 0xff);
    return available - TlsRecord.HEADER_LENGTH >= recordLength || recordLength > TlsRecord.MAX_CIPHERTEXT
        || bytes[from + 1] != 3;
  }
}
