package io.tlsprobe.starttls;

import io.tlsprobe.starttls.StartTlsException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * XMPP STARTTLS (<a href="https://www.rfc-editor.org/rfc/rfc6120#section-5">RFC 6120 §5</a>), client-to-server
 * ({@code jabber:client}) or server-to-server ({@code jabber:server}): the client opens a stream to the server's
 * domain, the server answers with its stream header and {@code <stream:features>}, which list {@code <starttls/>}
 * when TLS is offered ({@code <required/>} inside when it is mandatory); the client sends {@code <starttls/>} and the
 * server answers {@code <proceed/>} (start TLS now) or {@code <failure/>}. Inside TLS the client opens a new stream
 * and reads the features again. Plain-text authentication is offered when the features before TLS list SASL
 * {@code <mechanisms>} (any mechanism; the evidence names them).
 *
 * <pre>
 * C: &lt;?xml version='1.0'?&gt;&lt;stream:stream to='example.net' xmlns='jabber:client'
 *      xmlns:stream='http://etherx.jabber.org/streams' version='1.0'&gt;
 * S: &lt;stream:stream from='example.net' id='…' xmlns='jabber:client' … version='1.0'&gt;
 * S: &lt;stream:features&gt;&lt;starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'&gt;&lt;required/&gt;&lt;/starttls&gt;
 *      &lt;/stream:features&gt;
 * C: &lt;starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/&gt;
 * S: &lt;proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/&gt;
 * </pre>
 *
 * <p>The stream's {@code to} is the conversation's host: the probe passes the server name it sends in SNI, or else the
 * host as given. XMPP servers answer a domain they do not serve with a {@code host-unknown} stream error, which is
 * quoted as a refusal that says which domain was asked for; so probe an XMPP server by its domain, or give the domain
 * as the server name. No injection check: XMPP has no line commands.
 */
final class XmppDialect implements Dialect {
  static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
  static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
  static final String STREAM_ERRORS_NS = "urn:ietf:params:xml:ns:xmpp-streams";

  private final boolean server;

  /** @param server whether this is the server-to-server stream ({@code jabber:server}) */
  XmppDialect(boolean server) {
    this.server = server;
  }

  /** The stream header we open, to {@code domain}. */
  String streamHeader(String domain) {
    return "<?xml version='1.0'?><stream:stream to='" + escape(domain) + "' xmlns='"
        + (server ? "jabber:server" : "jabber:client")
        + "' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
  }

  @Override
  public void upgrade(Conversation c, @Nullable String inject) throws IOException {
    XmppReader reader = new XmppReader(c);
    XmppElement features = open(c, reader);
    List<String> capabilities = capabilities(features);
    c.phase().capabilitiesBefore(capabilities);
    XmppElement starttls = features.child(TLS_NS, "starttls");
    c.phase().startTlsAdvertised(starttls != null);
    List<String> mechanisms = mechanisms(features);
    c.phase().plainTextAuthenticationOffered(!mechanisms.isEmpty());
    if (!mechanisms.isEmpty()) {
      c.phase().authenticationEvidence("SASL mechanisms " + String.join(" ", mechanisms)
          + " in the stream features before TLS");
    }
    if (starttls == null) {
      throw c.fail(Reason.NOT_ADVERTISED, "server did not advertise STARTTLS; stream features were: "
          + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities)));
    }
    c.awaiting("the answer to <starttls/>");
    c.sendText("<starttls xmlns='" + TLS_NS + "'/>");
    XmppElement answer = reader.readElement();
    if (answer.is(TLS_NS, "proceed")) {
      c.phase().upgraded(true);
      String unread = reader.unread();
      if (!unread.isBlank()) {
        c.recordServerText("(" + unread.length() + " more characters in clear after <proceed/>, dropped: " + unread
            + ")");
      }
      return;
    }
    if (answer.is(TLS_NS, "failure")) {
      throw c.fail(Reason.REFUSED, "server refused STARTTLS: " + answer.raw());
    }
    endOfStream(c, answer, "the answer to <starttls/>");
    throw c.fail(Reason.GARBAGE, "server's answer to <starttls/> is neither <proceed/> nor <failure/>: "
        + answer.raw());
  }

  @Override
  public void afterTls(Conversation c) throws IOException {
    c.phase().capabilitiesAfter(capabilities(open(c, new XmppReader(c))));
  }

  /** Opens a stream to the conversation's host and returns the server's {@code <stream:features>}. */
  private XmppElement open(Conversation c, XmppReader reader) throws IOException {
    c.awaiting("the server's stream header");
    c.sendText(streamHeader(c.host()));
    XmppElement header = reader.readHeader();
    if (!c.overTls()) {
      c.phase().greeting(header.raw());
    }
    String version = header.attributes().getOrDefault("version", "");
    if (!version.startsWith("1.")) {
      throw c.fail(Reason.NOT_ADVERTISED, "server's stream header has " + (version.isEmpty() ? "no version"
          : "version='" + version + "'") + ", so it has no stream features and no STARTTLS (XMPP 1.0 needed): "
          + header.raw());
    }
    c.awaiting("the server's <stream:features>");
    XmppElement next = reader.readElement();
    endOfStream(c, next, "its <stream:features>");
    if (!next.is(XmppReader.STREAMS_NS, "features")) {
      throw c.fail(Reason.GARBAGE, "server sent " + next.raw() + " where <stream:features> was expected");
    }
    return next;
  }

  /** Throws REFUSED, quoting the condition, when {@code e} is a stream error or the end of the stream. */
  private static void endOfStream(Conversation c, XmppElement e, String instead) throws StartTlsException {
    if (e.name().startsWith("/")) {
      throw c.fail(Reason.REFUSED, "server closed the stream instead of sending " + instead);
    }
    if (!e.is(XmppReader.STREAMS_NS, "error")) {
      return;
    }
    String condition = "";
    String text = "";
    for (XmppElement child : e.children()) {
      if (child.localName().equals("text")) {
        text = child.text();
      } else if (condition.isEmpty()) {
        condition = child.localName();
      }
    }
    String hint = condition.equals("host-unknown") || condition.equals("improper-addressing")
        || condition.equals("host-gone")
        ? " (the stream was opened to '" + c.host() + "': give the server's XMPP domain as the host or server name)"
        : "";
    throw c.fail(Reason.REFUSED, "server closed the stream with an error instead of sending " + instead + ": "
        + (condition.isEmpty() ? "(no condition)" : condition) + (text.isEmpty() ? "" : ": " + text) + hint);
  }

  /** {@code starttls required}, {@code mechanisms SCRAM-SHA-1 PLAIN}, {@code dialback urn:xmpp:features:dialback}. */
  private static List<String> capabilities(XmppElement features) {
    List<String> out = new ArrayList<>();
    for (XmppElement f : features.children()) {
      if (f.is(TLS_NS, "starttls")) {
        out.add(f.child(TLS_NS, "required") != null ? "starttls required" : "starttls");
      } else if (f.is(SASL_NS, "mechanisms")) {
        List<String> names = mechanisms(features);
        out.add(names.isEmpty() ? "mechanisms" : "mechanisms " + String.join(" ", names));
      } else {
        out.add(f.namespace().isEmpty() ? f.localName() : f.localName() + " " + f.namespace());
      }
    }
    return out;
  }

  private static List<String> mechanisms(XmppElement features) {
    XmppElement mechanisms = features.child(SASL_NS, "mechanisms");
    if (mechanisms == null) {
      return List.of();
    }
    return mechanisms.children().stream().filter(m -> m.is(SASL_NS, "mechanism")).map(XmppElement::text)
        .filter(t -> !t.isEmpty()).toList();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
