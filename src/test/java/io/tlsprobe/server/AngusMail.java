package io.tlsprobe.server;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;

/**
 * Angus Mail (Jakarta Mail) pointed at a capture server, as an application would configure it: the {@code
 * mail.<protocol>.*} properties, then a store that opens INBOX and reads its first message, or a transport that sends
 * one. Tests add the properties under study ({@code starttls.enable}, {@code starttls.required}, {@code
 * ssl.checkserveridentity}).
 *
 * <pre>{@code
 * Properties p = AngusMail.properties(server, "imap");
 * p.put("mail.imap.starttls.required", "true");
 * AngusMail.Inbox inbox = AngusMail.read(p, "imap");  // Inbox[count=2, subject=Hello from tlsprobe, …]
 * }</pre>
 */
final class AngusMail {
  private AngusMail() {}

  /**
   * What the client read: INBOX's message count and its first message.
   *
   * @param count the number of messages
   * @param subject the first message's subject
   * @param body the first message's body
   */
  record Inbox(int count, String subject, String body) {}

  /**
   * Host, port, the server's trust ({@code ssl.socketFactory}), 5 s timeouts and, for SMTP, authentication, under
   * {@code mail.<protocol>.}; {@code protocol} is {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code smtp}
   * or {@code smtps}.
   */
  static Properties properties(TlsCaptureServer server, String protocol) {
    Properties p = new Properties();
    String k = "mail." + protocol + ".";
    p.put(k + "host", "localhost");
    p.put(k + "port", String.valueOf(server.port()));
    p.put(k + "ssl.socketFactory", server.clientSslSocketFactory());
    p.put(k + "connectiontimeout", "5000");
    p.put(k + "timeout", "5000");
    if (protocol.startsWith("smtp")) {
      p.put(k + "auth", "true");
    }
    return p;
  }

  /** {@link #properties(TlsCaptureServer, String)} with {@code starttls.enable} and {@code starttls.required}. */
  static Properties startTls(TlsCaptureServer server, String protocol, boolean required) {
    Properties p = properties(server, protocol);
    p.put("mail." + protocol + ".starttls.enable", "true");
    p.put("mail." + protocol + ".starttls.required", String.valueOf(required));
    return p;
  }

  /** Logs in as alice, opens INBOX read-only, counts and reads the first message, closes. */
  static Inbox read(Properties properties, String protocol) throws MessagingException, IOException {
    Store store = Session.getInstance(properties).getStore(protocol);
    store.connect("alice", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        Message first = inbox.getMessage(1);
        return new Inbox(inbox.getMessageCount(), first.getSubject(), String.valueOf(first.getContent()));
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }

  /** Logs in as alice and sends one mail to bob through {@code protocol} ({@code smtp} or {@code smtps}). */
  static void send(Properties properties, String protocol) throws MessagingException {
    Session session = Session.getInstance(properties);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("alice@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    message.setSubject("hello");
    message.setText("hello over TLS");
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect("alice", "secret");
      transport.sendMessage(message, message.getAllRecipients());
    }
  }
}
