package io.tlsprobe.wire;

import java.util.List;

/**
 * supported_groups (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.7">RFC 8446 section 4.2.7</a>,
 * formerly elliptic_curves): the key-exchange groups a client supports, in preference order.
 *
 * <pre>{@code
 * new SupportedGroupsExtension(List.of(0x001d, 0x0017)).groups(); // [29, 23]
 * }</pre>
 *
 * @param groups named group code points in wire order
 */
public record SupportedGroupsExtension(List<Integer> groups) implements Extension {
  public SupportedGroupsExtension {
    groups = Codec.copyCodes(groups, 0xffff, "group");
  }

  @Override
  public int type() {
    return ExtensionTypes.SUPPORTED_GROUPS;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().block16(w -> Codec.u16s(w, groups)).toByteArray();
  }

  /*
   * struct {
   *     NamedGroup named_group_list<2..2^16-1>;
   * } NamedGroupList;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    String f = field + ".named_group_list";
    return new SupportedGroupsExtension(Codec.u16s(r.block16(f, 2, 2), f));
  }
}
