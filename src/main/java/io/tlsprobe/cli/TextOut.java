package io.tlsprobe.cli;

import java.io.PrintWriter;
import java.util.List;

/** Writes {@link Fields} as indented text for people: code points in hex with their registry names. */
final class TextOut {
  private static final String INDENT = "  ";

  private final PrintWriter out;

  TextOut(PrintWriter out) {
    this.out = out;
  }

  void write(Fields fields, int depth) {
    String pad = INDENT.repeat(depth);
    for (Fields.Field field : fields.list()) {
      Object value = field.value();
      String name = field.name();
      if (value instanceof Fields.Code code) {
        out.println(pad + name + ": " + code.hex() + " " + code.name());
      } else if (value instanceof Fields.Codes codes) {
        out.println(pad + name + " (" + codes.values().size() + "):");
        for (int i = 0; i < codes.values().size(); i++) {
          out.println(pad + INDENT + codes.hex(i) + " " + codes.names().get(i));
        }
      } else if (value instanceof Fields.Lines lines) {
        out.println(pad + name + " (" + lines.lines().size() + "):");
        lines.lines().forEach(line -> out.println(pad + INDENT + line));
      } else if (value instanceof Fields nested) {
        out.println(pad + name + ":");
        write(nested, depth + 1);
      } else if (value instanceof List<?> list) {
        writeList(pad, name, list, depth);
      } else {
        out.println(pad + name + ": " + (value == null ? "(none)" : value));
      }
    }
  }

  private void writeList(String pad, String name, List<?> list, int depth) {
    if (list.stream().allMatch(item -> item instanceof Fields)) {
      out.println(pad + name + " (" + list.size() + "):");
      for (Object item : list) {
        out.println(pad + INDENT + "-");
        write((Fields) item, depth + 2);
      }
    } else {
      out.println(pad + name + ": " + (list.isEmpty() ? "(none)" : list));
    }
  }
}
