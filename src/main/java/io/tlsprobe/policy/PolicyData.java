package io.tlsprobe.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A built-in policy's lists as data: a tab-separated resource beside this class, one {@code kind<TAB>IANA
 * name<TAB>note} row per line, {@code #} comments. The note says where in the document the row comes from.
 *
 * <pre>{@code
 * PolicyData.read("bsi-tr-02102-2.tsv").names("group"); // [secp256r1, secp384r1, …]
 * }</pre>
 */
record PolicyData(List<Row> rows) {
  /** One row: {@code suite} or {@code group} (or another kind the policy defines), the IANA name, the note. */
  record Row(String kind, String name, String note) {}

  PolicyData {
    rows = List.copyOf(rows);
  }

  /** Reads {@code resource}, a file name beside this class. */
  static PolicyData read(String resource) {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = PolicyData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing policy resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
          throw new IllegalStateException(resource + ": expected kind, name and note in: " + line);
        }
        rows.add(new Row(f[0], f[1], f[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PolicyData(rows);
  }

  /** The names of the rows of {@code kind}, in file order. */
  String[] names(String kind) {
    return rows.stream().filter(r -> r.kind().equals(kind)).map(Row::name).toArray(String[]::new);
  }
}
