package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.server.StartTlsBehaviour;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A capture server declared by {@code @TlsProbe(server = @ProbeServer(…))} on a test class (one server for the
 * class) or a test method (one for the method).
 *
 * <pre>{@code
 * ServerTarget target = ServerTarget.of(annotation, "@TlsProbe on class OkHttpTlsTest", OkHttpTlsTest.class, null);
 * TlsCaptureServer server = target.start(context);
 * }</pre>
 *
 * @param annotation the {@code @TlsProbe} holding the server
 * @param server its one {@code @ProbeServer}
 * @param declaration where it is, for messages
 * @param owner the test class it is on, or the class of the test method
 * @param method the test method it is on, or {@code null} on a class
 */
record ServerTarget(TlsProbe annotation, ProbeServer server, String declaration, Class<?> owner,
    @Nullable Method method) {

  /** How long {@link TlsProbeServer#awaitConnection()} waits when {@code timeout} and its default are not set. */
  static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);

  /** {@link ProbeServer#applicationProtocols()}'s default, which means none for a protocol other than HTTPS. */
  private static final List<String> DEFAULT_APPLICATION_PROTOCOLS = List.of("http/1.1");

  ServerTarget {
    requireNonNull(annotation, "annotation");
    requireNonNull(server, "server");
    requireNonNull(declaration, "declaration");
    requireNonNull(owner, "owner");
  }

  /** Whether {@code annotation} declares a server rather than a probe target or options. */
  static boolean declaresServer(TlsProbe annotation) {
    return annotation.server().length > 0;
  }

  /** The server {@code annotation} declares, checked for elements that do not go with {@code server}. */
  static ServerTarget of(TlsProbe annotation, String declaration, Class<?> owner, @Nullable Method method) {
    check(annotation, declaration);
    return new ServerTarget(annotation, annotation.server()[0], declaration, owner, method);
  }

  /** Fails when {@code annotation}'s {@code server} comes with elements that name or configure a probe. */
  static void check(TlsProbe annotation, String declaration) {
    ProbeServer[] servers = annotation.server();
    if (servers.length > 1) {
      throw Targets.misuse(declaration, "server holds " + servers.length + " @ProbeServer: give one; for several"
          + " servers, repeat @TlsProbe with a name for each");
    }
    List<String> location = new ArrayList<>();
    if (!annotation.host().isBlank()) {
      location.add("host '" + annotation.host() + "'");
    }
    if (!annotation.port().isBlank()) {
      location.add("port '" + annotation.port() + "'");
    }
    if (!location.isEmpty()) {
      throw Targets.misuse(declaration, String.join(" and ", location) + (location.size() == 1 ? " names" : " name")
          + " a server to probe, and server starts one: declare them in two @TlsProbe, each with its own name");
    }
    List<String> probeOnly = probeOnlyElements(annotation);
    if (!probeOnly.isEmpty()) {
      boolean one = probeOnly.size() == 1;
      throw Targets.misuse(declaration, String.join(", ", probeOnly) + (one ? " configures a probe and does not"
          : " configure a probe and do not") + " apply to server: drop " + (one ? "it" : "them")
          + " (the server's settings are the elements of @ProbeServer)");
    }
  }

  private static List<String> probeOnlyElements(TlsProbe annotation) {
    List<String> set = new ArrayList<>();
    if (!annotation.sni().isBlank()) {
      set.add("sni '" + annotation.sni() + "'");
    }
    if (annotation.noSni()) {
      set.add("noSni = true");
    }
    if (annotation.alpn().length > 0) {
      set.add("alpn " + Arrays.stream(annotation.alpn()).map(a -> "\"" + a + "\"")
          .collect(Collectors.joining(", ", "{", "}")));
    }
    for (String[] element : new String[][] {{"trustStore", annotation.trustStore()},
        {"trustStoreType", annotation.trustStoreType()}, {"trustStorePassword", annotation.trustStorePassword()}}) {
      if (!element[1].isBlank()) {
        set.add(element[0] + (element[0].equals("trustStorePassword") ? "" : " '" + element[1] + "'"));
      }
    }
    if (annotation.startTls() != StartTls.NONE) {
      set.add("startTls = " + annotation.startTls().name());
    }
    if (annotation.protocol() != ServiceProtocol.NONE) {
      set.add("protocol = " + annotation.protocol().name() + " (for the server: @ProbeServer(protocol = …))");
    }
    if (!annotation.injectionCheck()) {
      set.add("injectionCheck = false");
    }
    return set;
  }

  /** The name a parameter's {@code @TlsProbe.Named} matches. */
  String name() {
    return annotation.name().isBlank() ? AnnotationTarget.DEFAULT_NAME : annotation.name();
  }

  /** The key of this server's handle in the cache context's store. */
  Object cacheKey() {
    return List.of("server", method != null ? method : owner, annotation);
  }

  /** The context that owns the server: the declaring class's, or the test method's. */
  ExtensionContext cacheContext(ExtensionContext context) {
    return method != null ? context : ProbeTarget.classContext(context, owner);
  }

  /** {@code 'default' (@TlsProbe on class X)}, for lists in messages. */
  String describe() {
    return "'" + name() + "' (" + declaration + ")";
  }

  /** Reads the elements that take placeholders, then builds and starts the server. */
  ServerHandle start(ExtensionContext context) {
    Elements elements = new Elements(declaration, Placeholders.of(context));
    Duration await = awaitTimeout(elements);
    List<String> applicationProtocols = new ArrayList<>();
    boolean httpsDefault = server.protocol() != ServiceProtocol.HTTPS
        && List.of(server.applicationProtocols()).equals(DEFAULT_APPLICATION_PROTOCOLS);
    for (String raw : httpsDefault ? new String[0] : server.applicationProtocols()) {
      Elements.Value name = elements.value("server's applicationProtocols", raw);
      if (name.text().isEmpty() || name.text().length() > 255) {
        throw elements.misuse(name.found() + " is not an ALPN protocol name of 1-255 characters");
      }
      applicationProtocols.add(name.text());
    }
    TlsCaptureServer.Builder builder = TlsCaptureServer.builder()
        .protocol(server.protocol())
        .implicitTls(server.implicitTls())
        .startTlsBehaviour(server.startTlsBehaviour())
        .identity(server.scenario().identity())
        .protocols(server.protocols())
        .applicationProtocols(applicationProtocols.toArray(String[]::new));
    TlsCaptureServer capture;
    try {
      capture = builder.build();
    } catch (IllegalArgumentException e) {
      throw elements.misuse(describe(server) + ": " + e.getMessage(), e);
    }
    return new ServerHandle(this, capture.start(), await);
  }

  /** {@code @ProbeServer(protocol = IMAP, implicitTls = true)}: the elements that choose what is served. */
  private static String describe(ProbeServer server) {
    List<String> set = new ArrayList<>();
    set.add("protocol = " + server.protocol().name());
    if (server.implicitTls()) {
      set.add("implicitTls = true");
    }
    if (server.startTlsBehaviour() != StartTlsBehaviour.UPGRADE) {
      set.add("startTlsBehaviour = " + server.startTlsBehaviour().name());
    }
    return "@ProbeServer(" + String.join(", ", set) + ")";
  }

  private Duration awaitTimeout(Elements elements) {
    return elements.valueOrDefault("timeout", annotation.timeout(), TlsProbe.DEFAULT_TIMEOUT_PROPERTY_NAME)
        .map(v -> Timeouts.parse(v.text()).orElseThrow(() -> elements.misuse(v.found() + " is not " + Timeouts.FORMS)))
        .orElse(DEFAULT_AWAIT);
  }
}
