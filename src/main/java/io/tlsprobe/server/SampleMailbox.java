package io.tlsprobe.server;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixed mailbox the IMAP and POP3 fronts serve: two short plain-text messages (RFC 5322), the same in every
 * session, so a mail library can open the mailbox, count the messages and read one's subject and body.
 *
 * <pre>{@code
 * SampleMailbox.MESSAGES.get(0).subject();  // "Hello from tlsprobe"
 * SampleMailbox.MESSAGES.get(0).size();     // the octets of the whole message, CRLF line ends
 * }</pre>
 */
final class SampleMailbox {
  /** The messages, numbered from 1 (their IMAP UID and sequence number, their POP3 message number). */
  static final List<Message> MESSAGES = List.of(
      new Message(1, "Hello from tlsprobe", "Alice", "alice", "Fri, 27 Nov 2026 09:00:00 +0000",
          "This message was served by the tlsprobe capture server.\r\nIt is the same in every session.\r\n"),
      new Message(2, "Second message", "Carol", "carol", "Fri, 27 Nov 2026 09:30:00 +0000",
          "Nothing more to see here.\r\n"));

  /** The mailbox's UIDVALIDITY (RFC 9051 §2.3.1.1): fixed, the mailbox never changes. */
  static final long UID_VALIDITY = 1;

  private SampleMailbox() {}

  /**
   * One message.
   *
   * @param number its number (and IMAP UID), from 1
   * @param subject its Subject field
   * @param fromName the sender's display name
   * @param fromUser the sender's local part at {@code example.org}
   * @param date its Date field (RFC 5322 §3.3)
   * @param text its body, CRLF line ends, ending with CRLF
   */
  record Message(int number, String subject, String fromName, String fromUser, String date, String text) {

    /** The header section, each field ending with CRLF, then the empty line. */
    String header() {
      return "Date: " + date + "\r\n"
          + "From: " + fromName + " <" + fromUser + "@example.org>\r\n"
          + "To: Bob <bob@example.org>\r\n"
          + "Subject: " + subject + "\r\n"
          + "Message-ID: <" + number + ".tlsprobe@localhost>\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=us-ascii\r\n"
          + "Content-Transfer-Encoding: 7bit\r\n"
          + "\r\n";
    }

    /** The whole message: header, empty line, body. */
    String raw() {
      return header() + text;
    }

    /** The whole message's octets. */
    int size() {
      return raw().getBytes(StandardCharsets.US_ASCII).length;
    }

    /** The body's octets. */
    int textSize() {
      return text.getBytes(StandardCharsets.US_ASCII).length;
    }

    /** The body's lines. */
    int textLines() {
      return text.split("\r\n", -1).length - 1;
    }

    /** A unique id for POP3 UIDL (RFC 1939 §7). */
    String uid() {
      return "tlsprobe-" + number;
    }
  }
}
