package io.tlsprobe.wire;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * server_name (<a href="https://www.rfc-editor.org/rfc/rfc6066#section-3">RFC 6066 section 3</a>): the host the
 * client wants, or, with no entries, the empty acknowledgement a server sends back.
 *
 * <pre>{@code
 * ServerNameExtension sni = ServerNameExtension.ofHostName("example.com");
 * sni.hostName();                      // Optional[example.com]
 * ServerNameExtension.empty().encodeData().length; // 0: the ServerHello form
 * }</pre>
 *
 * @param serverNames the entries in wire order; empty for the empty-body form
 */
public record ServerNameExtension(List<ServerName> serverNames) implements Extension {
  /** {@code name_type} host_name. */
  public static final int HOST_NAME = 0;

  /**
   * One {@code ServerName} entry.
   *
   * @param nameType {@code name_type}, 0 for host_name
   * @param name the name bytes (ASCII for a host name)
   */
  public record ServerName(int nameType, Bytes name) {
    public ServerName {
      requireNonNull(name, "name");
    }
  }

  public ServerNameExtension {
    serverNames = List.copyOf(serverNames);
  }

  /** One host_name entry. */
  public static ServerNameExtension ofHostName(String hostName) {
    requireNonNull(hostName, "hostName");
    return new ServerNameExtension(List.of(new ServerName(HOST_NAME, Codec.utf8(hostName))));
  }

  /** The empty-body form a server sends to say it used the name. */
  public static ServerNameExtension empty() {
    return new ServerNameExtension(List.of());
  }

  /** The first host_name entry, as text. */
  public Optional<String> hostName() {
    return serverNames.stream().filter(n -> n.nameType() == HOST_NAME).findFirst().map(n -> Codec.text(n.name()));
  }

  @Override
  public int type() {
    return ExtensionTypes.SERVER_NAME;
  }

  @Override
  public byte[] encodeData() {
    if (serverNames.isEmpty()) {
      return new byte[0];
    }
    return new WireWriter()
        .block16(w -> serverNames.forEach(n -> w.u8(n.nameType()).opaque16(n.name())))
        .toByteArray();
  }

  /*
   * struct {
   *     NameType name_type;
   *     select (name_type) {
   *         case host_name: HostName;
   *     } name;
   * } ServerName;
   * enum { host_name(0), (255) } NameType;
   * opaque HostName<1..2^16-1>;
   * struct {
   *     ServerName server_name_list<1..2^16-1>
   * } ServerNameList;
   *
   * A server answers with an empty extension_data.
   */
  static @Nullable Extension decode(WireReader r, ExtensionContext context, String field) {
    if (!r.hasRemaining()) {
      return empty();
    }
    WireReader list = r.block16(field + ".server_name_list", 1);
    List<ServerName> names = new ArrayList<>();
    while (list.hasRemaining()) {
      int type = list.u8(field + ".name_type");
      if (type != HOST_NAME) {
        return null; // unknown name types have no defined shape: keep the bytes
      }
      names.add(new ServerName(type, list.block16(field + ".host_name", 1).rest()));
    }
    return new ServerNameExtension(names);
  }
}
