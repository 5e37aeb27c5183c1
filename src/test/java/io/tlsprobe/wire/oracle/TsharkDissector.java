package io.tlsprobe.wire.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.testing.Interop;
import io.tlsprobe.testing.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs tshark over a pcap file and reads its JSON into {@link Dissection}: one field map per TLS record and per
 * handshake message.
 *
 * <p>tshark's JSON repeats a key for a repeated field or subtree (two records in a frame are two
 * {@code "tls.record"} keys of one object), which a tree model would collapse; so the output is read as a token
 * stream, keeping every value in document order. Only {@code tls.*} leaves are kept; a handshake message's fields
 * are not repeated in its record's map.
 *
 * <pre>{@code
 * Path tshark = Interop.requireCommand("tshark");
 * Dissection d = TsharkDissector.dissect(tshark, pcapFile, 4433);
 * }</pre>
 */
final class TsharkDissector {
  /** How long one tshark run may take; a pcap of a few connections takes about half a second. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private TsharkDissector() {}

  /**
   * Dissects {@code pcap} with TLS decoded on {@code serverPort}, records reassembled across TCP segments and
   * handshake messages across records.
   */
  static Dissection dissect(Path tshark, Path pcap, int serverPort) {
    return dissect(tshark, pcap, serverPort, serverPort);
  }

  /** {@link #dissect(Path, Path, int)} with TLS decoded on every server port from {@code first} to {@code last}. */
  static Dissection dissect(Path tshark, Path pcap, int first, int last) {
    String ports = first == last ? String.valueOf(first) : first + "-" + last;
    ProcessResult result = Interop.run(TIMEOUT,
        tshark.toString(), "-n", "-r", pcap.toString(),
        "-o", "tcp.desegment_tcp_streams:TRUE",
        "-o", "tls.desegment_ssl_records:TRUE",
        "-o", "tls.desegment_ssl_application_data:TRUE",
        "-d", "tcp.port==" + ports + ",tls",
        "-Y", "tls",
        "-T", "json");
    assertThat(result.succeeded()).as("tshark failed: %s", result).isTrue();
    return parse(result.stdout());
  }

  /** Reads tshark's {@code -T json} output. */
  static Dissection parse(String json) {
    Reader reader = new Reader();
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Dissection(List.of(), List.of()); // no packet matched
      }
      if (first != JsonToken.START_ARRAY) {
        throw new IllegalStateException("tshark JSON does not start with an array: " + first);
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        reader.frame(parser);
      }
    }
    return new Dissection(reader.records, reader.messages);
  }

  /** Walks the token stream, opening a record map at each {@code tls.record} and a message at each handshake. */
  private static final class Reader {
    private final List<TsharkPdu> records = new ArrayList<>();
    private final List<TsharkPdu> messages = new ArrayList<>();
    private int frame;
    private int srcPort;
    private @Nullable Map<String, List<String>> record;
    private @Nullable Map<String, List<String>> message;

    void frame(JsonParser parser) {
      frame = 0;
      srcPort = 0;
      record = null;
      message = null;
      object(parser);
    }

    /** The parser is on START_OBJECT; reads up to the matching END_OBJECT. */
    private void object(JsonParser parser) {
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String key = parser.currentName();
        value(parser, key, parser.nextToken());
      }
    }

    private void value(JsonParser parser, String key, JsonToken token) {
      switch (token) {
        case START_OBJECT -> subtree(parser, key);
        case START_ARRAY -> {
          for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            value(parser, key, t);
          }
        }
        default -> leaf(key, parser.getValueAsString(""));
      }
    }

    private void subtree(JsonParser parser, String key) {
      if (key.equals("tls.record")) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        record = fields;
        object(parser);
        records.add(new TsharkPdu(frame, srcPort, fields));
        record = null;
      } else if (key.equals("tls.handshake") && message == null) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        message = fields;
        object(parser);
        message = null;
        if (fields.containsKey("tls.handshake.type")) {
          messages.add(new TsharkPdu(frame, srcPort, fields));
        } else if (record != null) {
          fields.forEach((k, v) -> record.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
      } else {
        object(parser);
      }
    }

    private void leaf(String key, String value) {
      if (key.equals("frame.number")) {
        frame = Integer.parseInt(value);
      } else if (key.equals("tcp.srcport")) {
        srcPort = Integer.parseInt(value);
      }
      if (!key.startsWith("tls.")) {
        return;
      }
      Map<String, List<String>> target = message != null ? message : record;
      if (target != null) {
        target.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
  }
}
