package io.tlsprobe.server;

import io.tlsprobe.server.PostgresWire.Body;
import io.tlsprobe.server.PostgresWire.Malformed;
import io.tlsprobe.server.PostgresWire.Message;
import io.tlsprobe.server.PostgresWire.Out;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query phase of {@link PostgresFront}: the simple query protocol ({@code Query}) and the extended one ({@code
 * Parse}, {@code Bind}, {@code Describe}, {@code Execute}, {@code Sync}, {@code Flush}, {@code Close}) of <a
 * href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">§55.2.3</a>, for a tiny
 * language: {@code SELECT <integer> [AS name]}, {@code SELECT version()}, {@code SHOW <parameter>}, {@code SET …},
 * {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK} and the empty query. Anything else is answered with an ErrorResponse
 * ({@code 0A000} feature not supported); after an error in the extended protocol, messages are skipped up to the next
 * {@code Sync}, as a real server does.
 *
 * <pre>
 * Parse (F):    Byte1('P'), Int32 len, String statement, String query, Int16 n, Int32[n] parameter type OIDs
 * Bind (F):     Byte1('B'), Int32 len, String portal, String statement, Int16 n, Int16[n] parameter formats,
 *               Int16 n, { Int32 length (-1 NULL), Byte[length] }[n], Int16 n, Int16[n] result formats
 * Describe (F): Byte1('D'), Int32 len, Byte1('S' statement | 'P' portal), String name
 * Execute (F):  Byte1('E'), Int32 len, String portal, Int32 row limit
 * RowDescription (B): Byte1('T'), Int32 len, Int16 n, { String name, Int32 table OID, Int16 column, Int32 type OID,
 *               Int16 type size, Int32 type modifier, Int16 format }[n]
 * DataRow (B):  Byte1('D'), Int32 len, Int16 n, { Int32 length (-1 NULL), Byte[length] }[n]
 * </pre>
 */
final class PostgresQueries {
  /** The most messages one session may send in the query phase. */
  static final int MAX_MESSAGES = 10_000;
  /** The most prepared statements and portals kept at once. */
  static final int MAX_NAMED = 256;
  /** {@code int4}'s type OID. */
  static final int INT4 = 23;
  /** {@code text}'s type OID. */
  static final int TEXT = 25;

  private static final Pattern SELECT_INT =
      Pattern.compile("select\\s+(-?\\d{1,9})(?:\\s+(?:as\\s+)?\"?([a-z_][a-z0-9_]*)\"?)?");
  private static final Pattern SHOW = Pattern.compile("show\\s+\"?([a-z_][a-z0-9_.]*)\"?");

  private final FrontSession s;
  private final Map<String, String> parameters;
  private final Map<String, Statement> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private final Out pending = new Out();
  private boolean skipToSync;
  private char transaction = 'I';

  /** A parsed statement: its text and the number of parameter types it declared. */
  private record Statement(String sql, int parameterTypes) {}

  /** A bound portal: its statement's text and the result format codes asked for. */
  private record Portal(String sql, int[] resultFormats) {
    boolean binary(int column) {
      if (resultFormats.length == 0) {
        return false;
      }
      return (resultFormats.length == 1 ? resultFormats[0] : resultFormats[column]) == 1;
    }
  }

  /**
   * A statement's outcome: columns and rows (text values), the command tag, or an error.
   *
   * @param columns the result columns, empty for a command
   * @param rows the rows' text values
   * @param tag the CommandComplete tag; empty for the empty query
   */
  private record Result(List<Column> columns, List<List<String>> rows, Optional<String> tag) {}

  private record Column(String name, int typeOid, int typeSize) {}

  /** A statement the front does not answer. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    Unsupported(String sqlState, String message) {
      super(message);
      this.sqlState = sqlState;
    }
  }

  PostgresQueries(FrontSession s, Map<String, String> parameters) {
    this.s = s;
    this.parameters = Map.copyOf(parameters);
  }

  /** Serves queries until {@code Terminate}, the end of the stream, or {@link #MAX_MESSAGES}. */
  void serve() throws IOException {
    for (int i = 0; i < MAX_MESSAGES; i++) {
      Message m = PostgresWire.read(s);
      if (m == null) {
        return;
      }
      try {
        if (!handle(m)) {
          return;
        }
      } catch (Malformed e) {
        PostgresWire.recordClient(s, "malformed message '" + m.type() + "'", m.bytes());
        pending.error("08P01", "malformed message '" + m.type() + "': " + e.getMessage());
        pending.flush(s);
        return;
      }
    }
    pending.error("53400", "too many messages in one session").flush(s);
  }

  /** Handles one message; false when the session ends. */
  private boolean handle(Message m) throws IOException, Malformed {
    Body b = m.reader();
    switch (m.type()) {
      case 'Q' -> {
        String sql = b.cstring();
        PostgresWire.recordClient(s, "Query \"" + sql + "\"", m.bytes());
        simpleQuery(sql);
      }
      case 'P' -> {
        String name = b.cstring();
        String sql = b.cstring();
        int n = b.int16();
        b.skip(4 * Math.max(0, n));
        PostgresWire.recordClient(s, "Parse " + named(name) + " \"" + sql + "\"", m.bytes());
        if (!skipToSync && room(statements, name)) {
          statements.put(name, new Statement(sql, Math.max(0, n)));
          pending.message('1', new byte[0], "ParseComplete");
        }
      }
      case 'B' -> bind(m, b);
      case 'D' -> {
        char kind = (char) b.byte1();
        String name = b.cstring();
        PostgresWire.recordClient(s, "Describe " + (kind == 'S' ? "statement " : "portal ") + named(name),
            m.bytes());
        if (!skipToSync) {
          describe(kind, name);
        }
      }
      case 'E' -> {
        String portal = b.cstring();
        b.int32();
        PostgresWire.recordClient(s, "Execute portal " + named(portal), m.bytes());
        if (!skipToSync) {
          execute(portal);
        }
      }
      case 'C' -> {
        char kind = (char) b.byte1();
        String name = b.cstring();
        PostgresWire.recordClient(s, "Close " + (kind == 'S' ? "statement " : "portal ") + named(name), m.bytes());
        if (!skipToSync) {
          (kind == 'S' ? statements : portals).remove(name);
          pending.message('3', new byte[0], "CloseComplete");
        }
      }
      case 'H' -> {
        PostgresWire.recordClient(s, "Flush", m.bytes());
        pending.flush(s);
      }
      case 'S' -> {
        PostgresWire.recordClient(s, "Sync", m.bytes());
        skipToSync = false;
        pending.readyForQuery(transaction).flush(s);
      }
      case 'X' -> {
        PostgresWire.recordClient(s, "Terminate", m.bytes());
        return false;
      }
      case 'p' -> {
        PostgresWire.recordClient(s, "PasswordMessage (unexpected: authentication is over)", m.bytes());
        pending.error("08P01", "unexpected password message").flush(s);
        return false;
      }
      default -> {
        PostgresWire.recordClient(s, "unknown message '" + m.type() + "'", m.bytes());
        pending.error("08P01", "invalid frontend message type " + (int) m.type()).flush(s);
        return false;
      }
    }
    return true;
  }

  private void simpleQuery(String sql) throws IOException {
    List<String> parts = List.of(sql.split(";")).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    if (parts.isEmpty()) {
      pending.message('I', new byte[0], "EmptyQueryResponse");
    }
    for (String part : parts) {
      try {
        Result r = evaluate(part);
        if (!r.columns().isEmpty()) {
          pending.message('T', rowDescription(r.columns(), null), "RowDescription");
        }
        rows(r, null);
      } catch (Unsupported e) {
        pending.error(e.sqlState, e.getMessage());
        break;
      }
    }
    pending.readyForQuery(transaction).flush(s);
  }

  private void bind(Message m, Body b) throws IOException, Malformed {
    String portal = b.cstring();
    String statement = b.cstring();
    int formats = b.int16();
    b.skip(2 * Math.max(0, formats));
    int values = b.int16();
    for (int i = 0; i < values; i++) {
      int length = b.int32();
      if (length > 0) {
        b.skip(length);
      }
    }
    int n = Math.max(0, b.int16());
    int[] resultFormats = new int[n];
    for (int i = 0; i < n; i++) {
      resultFormats[i] = b.int16();
    }
    boolean binary = Arrays.stream(resultFormats).anyMatch(f -> f == 1);
    PostgresWire.recordClient(s, "Bind portal " + named(portal) + " to statement " + named(statement)
        + (binary ? " (binary results)" : ""), m.bytes());
    if (skipToSync) {
      return;
    }
    Statement st = statements.get(statement);
    if (st == null) {
      fail("26000", "prepared statement " + named(statement) + " does not exist");
    } else if (room(portals, portal)) {
      portals.put(portal, new Portal(st.sql(), resultFormats));
      pending.message('2', new byte[0], "BindComplete");
    }
  }

  private void describe(char kind, String name) {
    try {
      if (kind == 'S') {
        Statement st = statements.get(name);
        if (st == null) {
          fail("26000", "prepared statement " + named(name) + " does not exist");
          return;
        }
        ByteBuffer params = ByteBuffer.allocate(2 + 4 * st.parameterTypes()).putShort((short) st.parameterTypes());
        for (int i = 0; i < st.parameterTypes(); i++) {
          params.putInt(TEXT);
        }
        pending.message('t', params.array(), "ParameterDescription");
        describeResult(evaluate(st.sql()), null);
      } else {
        Portal p = portals.get(name);
        if (p == null) {
          fail("34000", "portal " + named(name) + " does not exist");
          return;
        }
        describeResult(evaluate(p.sql()), p);
      }
    } catch (Unsupported e) {
      fail(e.sqlState, e.getMessage());
    }
  }

  private void describeResult(Result r, @Nullable Portal portal) {
    if (r.columns().isEmpty()) {
      pending.message('n', new byte[0], "NoData");
    } else {
      pending.message('T', rowDescription(r.columns(), portal), "RowDescription");
    }
  }

  private void execute(String name) {
    Portal p = portals.get(name);
    if (p == null) {
      fail("34000", "portal " + named(name) + " does not exist");
      return;
    }
    try {
      Result r = evaluate(p.sql());
      rows(r, p);
    } catch (Unsupported e) {
      fail(e.sqlState, e.getMessage());
    }
  }

  /** DataRows and CommandComplete (or EmptyQueryResponse). */
  private void rows(Result r, @Nullable Portal portal) {
    for (List<String> row : r.rows()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(ByteBuffer.allocate(2).putShort((short) row.size()).array());
      for (int i = 0; i < row.size(); i++) {
        byte[] value = portal != null && portal.binary(i) && r.columns().get(i).typeOid() == INT4
            ? ByteBuffer.allocate(4).putInt(Integer.parseInt(row.get(i))).array()
            : row.get(i).getBytes(StandardCharsets.UTF_8);
        body.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        body.writeBytes(value);
      }
      pending.message('D', body.toByteArray(), "DataRow " + row);
    }
    if (r.tag().isPresent()) {
      pending.message('C', PostgresWire.cstring(r.tag().get()), "CommandComplete " + r.tag().get());
    } else {
      pending.message('I', new byte[0], "EmptyQueryResponse");
    }
  }

  private static byte[] rowDescription(List<Column> columns, @Nullable Portal portal) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ByteBuffer.allocate(2).putShort((short) columns.size()).array());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      body.writeBytes(PostgresWire.cstring(c.name()));
      int format = portal != null && portal.binary(i) ? 1 : 0;
      body.writeBytes(ByteBuffer.allocate(18).putInt(0).putShort((short) 0).putInt(c.typeOid())
          .putShort((short) c.typeSize()).putInt(-1).putShort((short) format).array());
    }
    return body.toByteArray();
  }

  /** The tiny language: what the statement returns, or why it is not answered. */
  private Result evaluate(String statement) throws Unsupported {
    String sql = statement.strip().replaceAll(";+$", "").strip().replaceAll("\\s+", " ");
    String lower = sql.toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return new Result(List.of(), List.of(), Optional.empty());
    }
    Matcher select = SELECT_INT.matcher(lower);
    if (select.matches()) {
      String name = select.group(2) != null ? select.group(2) : "?column?";
      return new Result(List.of(new Column(name, INT4, 4)), List.of(List.of(select.group(1))),
          Optional.of("SELECT 1"));
    }
    if (lower.equals("select version()")) {
      return new Result(List.of(new Column("version", TEXT, -1)), List.of(List.of(PostgresFront.VERSION_TEXT)),
          Optional.of("SELECT 1"));
    }
    Matcher show = SHOW.matcher(lower);
    if (show.matches()) {
      String value = parameters.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(show.group(1)))
          .map(Map.Entry::getValue).findFirst()
          .orElseThrow(() -> new Unsupported("42704", "unrecognized configuration parameter \"" + show.group(1)
              + "\""));
      return new Result(List.of(new Column(show.group(1), TEXT, -1)), List.of(List.of(value)), Optional.of("SHOW"));
    }
    if (lower.startsWith("set ") || lower.startsWith("reset ")) {
      return command(lower.startsWith("set ") ? "SET" : "RESET", transaction);
    }
    if (lower.equals("begin") || lower.startsWith("begin ") || lower.startsWith("start transaction")) {
      return command("BEGIN", 'T');
    }
    if (lower.equals("commit") || lower.equals("end")) {
      return command("COMMIT", 'I');
    }
    if (lower.equals("rollback") || lower.equals("abort")) {
      return command("ROLLBACK", 'I');
    }
    throw new Unsupported("0A000", "the tlsprobe capture front answers only SELECT <integer>, SELECT version(), SHOW,"
        + " SET, BEGIN, COMMIT, ROLLBACK: \"" + sql + "\"");
  }

  private Result command(String tag, char newStatus) {
    transaction = newStatus;
    return new Result(List.of(), List.of(), Optional.of(tag));
  }

  /** An ErrorResponse in the extended protocol: later messages are skipped up to Sync. */
  private void fail(String sqlState, String text) {
    pending.error(sqlState, text);
    skipToSync = true;
  }

  private boolean room(Map<String, ?> map, String name) {
    if (map.size() >= MAX_NAMED && !map.containsKey(name)) {
      fail("53400", "more than " + MAX_NAMED + " prepared statements or portals");
      return false;
    }
    return true;
  }

  private static String named(String name) {
    return name.isEmpty() ? "(unnamed)" : "\"" + name + "\"";
  }
}
