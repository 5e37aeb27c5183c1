package io.tlsprobe.wire;

/**
 * record_size_limit (<a href="https://www.rfc-editor.org/rfc/rfc8449#section-4">RFC 8449 section 4</a>): the
 * largest record the sender is willing to receive.
 *
 * <pre>{@code
 * new RecordSizeLimitExtension(16385).encodeData(); // 40 01
 * }</pre>
 *
 * @param limit {@code RecordSizeLimit}
 */
public record RecordSizeLimitExtension(int limit) implements Extension {
  public RecordSizeLimitExtension {
    if (limit < 0 || limit > 0xffff) {
      throw new IllegalArgumentException("record size limit " + limit + " out of range");
    }
  }

  @Override
  public int type() {
    return ExtensionTypes.RECORD_SIZE_LIMIT;
  }

  @Override
  public byte[] encodeData() {
    return new WireWriter().u16(limit).toByteArray();
  }

  /*
   * uint16 RecordSizeLimit;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    return new RecordSizeLimitExtension(r.u16(field + ".record_size_limit"));
  }
}
