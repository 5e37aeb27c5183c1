package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

/**
 * cookie (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.2">RFC 8446 section 4.2.2</a>): sent by a
 * server in a HelloRetryRequest and echoed by the client.
 *
 * <pre>{@code
 * new CookieExtension(Bytes.ofHex("abcd")).encodeData(); // 0002 abcd
 * }</pre>
 *
 * @param cookie the opaque cookie
 */
public record CookieExtension(Bytes cookie) implements Extension {
  public CookieExtension {
    requireNonNull(cookie, "cookie");
  }

  @Override
  public int type() {
    return ExtensionTypes.COOKIE;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().opaque16(cookie).toByteArray();
  }

  /*
   * struct {
   *     opaque cookie<1..2^16-1>;
   * } Cookie;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new CookieExtension(r.block16(field + ".cookie", 1).rest());
  }
}
