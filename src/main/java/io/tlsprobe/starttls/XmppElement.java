package io.tlsprobe.starttls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One element of an XMPP stream as {@link XmppReader} read it, with its resolved namespace.
 *
 * @param name the qualified name as sent ({@code stream:features})
 * @param namespace the namespace it is in, "" when none was declared
 * @param attributes the attributes, decoded, in order
 * @param children the child elements
 * @param text the decoded text directly inside it, trimmed
 * @param raw the element as the server sent it (the stream header: its start tag)
 */
record XmppElement(String name, String namespace, Map<String, String> attributes, List<XmppElement> children,
    String text, String raw) {
  XmppElement {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    children = List.copyOf(children);
  }

  String localName() {
    return name.substring(name.indexOf(':') + 1);
  }

  boolean is(String namespace, String localName) {
    return this.namespace.equals(namespace) && localName().equals(localName);
  }

  @Nullable XmppElement child(String namespace, String localName) {
    return children.stream().filter(e -> e.is(namespace, localName)).findFirst().orElse(null);
  }
}
