package io.tlsprobe.cli;

import java.io.Writer;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/** Writes {@link Fields} as pretty-printed JSON: code points as integers, their names alongside. */
final class JsonOut {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonOut() {}

  static void write(Fields root, Writer out) {
    try (JsonGenerator json = FACTORY.createGenerator(pretty(), out)) {
      writeObject(json, root);
    }
  }

  private static void writeObject(JsonGenerator json, Fields fields) {
    json.writeStartObject();
    for (Fields.Field field : fields.list()) {
      writeField(json, field.name(), field.value());
    }
    json.writeEndObject();
  }

  private static void writeField(JsonGenerator json, String name, Object value) {
    if (value instanceof Fields.Code code) {
      json.writeNumberProperty(name, code.value());
      json.writeStringProperty(name + "_name", code.name());
    } else if (value instanceof Fields.Codes codes) {
      json.writeName(name);
      json.writeStartArray();
      for (int v : codes.values()) {
        json.writeNumber(v);
      }
      json.writeEndArray();
      json.writeName(plural(name) + "_names");
      json.writeStartArray();
      for (String n : codes.names()) {
        json.writeString(n);
      }
      json.writeEndArray();
    } else {
      json.writeName(name);
      writeValue(json, value);
    }
  }

  private static void writeValue(JsonGenerator json, Object value) {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Fields f) {
      writeObject(json, f);
    } else if (value instanceof Fields.Lines lines) {
      writeValue(json, lines.lines());
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(json, item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }
  }

  /** {@code cipher_suites} → {@code cipher_suite}, so the names field reads {@code cipher_suite_names}. */
  static String plural(String name) {
    if (name.endsWith("ies")) {
      return name.substring(0, name.length() - 3) + "y";
    }
    if (name.endsWith("s")) {
      return name.substring(0, name.length() - 1);
    }
    return name;
  }

  /** A write context that pretty-prints (also for {@link DiscoveryOut}). */
  static ObjectWriteContext pretty() {
    return new ObjectWriteContext.Base() {
      @Override
      public PrettyPrinter getPrettyPrinter() {
        return new DefaultPrettyPrinter();
      }

      @Override
      public boolean hasPrettyPrinter() {
        return true;
      }
    };
  }
}
