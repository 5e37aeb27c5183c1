package io.tlsprobe.probe;

import io.tlsprobe.report.Outcome.TransportProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;

/** Names what went wrong below TLS, and shows a peer's non-TLS bytes. */
final class TransportFailures {
  private TransportFailures() {}

  /** The problem an I/O exception stands for. */
  static TransportProblem classify(IOException e) {
    if (e instanceof Connection.DeadlineExceeded) {
      return TransportProblem.TIMEOUT;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof ConnectException && message.contains("refused")) {
      return TransportProblem.REFUSED;
    }
    if (e instanceof NoRouteToHostException || e instanceof UnknownHostException
        || e instanceof PortUnreachableException || message.contains("unreachable")) {
      return TransportProblem.UNREACHABLE;
    }
    if (message.contains("reset")) {
      return TransportProblem.RESET;
    }
    if (message.contains("broken pipe")) {
      return TransportProblem.CLOSED;
    }
    if (e instanceof ConnectException) {
      return TransportProblem.REFUSED;
    }
    return TransportProblem.OTHER;
  }

  /** A sentence for an I/O failure: {@code connection refused by 127.0.0.1:1}. */
  static String describe(IOException e, String address) {
    return switch (classify(e)) {
      case REFUSED -> "connection refused by " + address;
      case UNREACHABLE -> address + " is unreachable: " + e.getMessage();
      case RESET -> "the connection to " + address + " was reset";
      case CLOSED -> "the connection to " + address + " was closed";
      case TIMEOUT -> e.getMessage();
      default -> e.getClass().getSimpleName() + ": " + e.getMessage();
    };
  }

  /**
   * The bytes as quoted text when they are printable ASCII (with {@code \r \n \t} escaped), else as hex:
   * {@code "SSH-2.0-OpenSSH_9.2\r\n"} or {@code 0x8003000100}.
   */
  static String render(byte[] bytes) {
    StringBuilder text = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\r' -> text.append("\\r");
        case '\n' -> text.append("\\n");
        case '\t' -> text.append("\\t");
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            return "0x" + HexFormat.of().formatHex(bytes);
          }
          text.append((char) c);
        }
      }
    }
    return text.append('"').toString();
  }
}
