package io.tlsprobe.junit;

import io.tlsprobe.report.TlsConnectionReport;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The capture servers a test sees, nearest first: {@code @TlsProbe(server = …)} on the test method, then on the test
 * class and each class enclosing a {@code @Nested} one. A name declared nearer hides the same name further out; two
 * servers of one name at the same level are a misuse.
 *
 * <pre>{@code
 * ServerTarget target = Servers.find(context).select(parameterContext);
 * }</pre>
 */
final class Servers {
  private final List<ServerTarget> visible;

  private Servers(List<ServerTarget> visible) {
    this.visible = List.copyOf(visible);
  }

  List<ServerTarget> visible() {
    return visible;
  }

  /** Every server visible from {@code context}, checked for misuse. */
  static Servers find(ExtensionContext context) {
    List<List<ServerTarget>> levels = new ArrayList<>();
    Optional<Method> testMethod = context.getTestMethod();
    if (testMethod.isPresent()) {
      Method method = testMethod.get();
      levels.add(declared(AnnotationSupport.findRepeatableAnnotations(method, TlsProbe.class),
          "method " + Names.of(method), context.getRequiredTestClass(), method));
    }
    for (Class<?> type : Targets.classLevels(context.getRequiredTestClass())) {
      levels.add(declared(AnnotationSupport.findRepeatableAnnotations(type, TlsProbe.class), "class " + Names.of(type),
          type, null));
    }
    List<ServerTarget> visible = new ArrayList<>();
    Set<String> hidden = new HashSet<>();
    for (List<ServerTarget> level : levels) {
      Map<String, List<ServerTarget>> byName = new LinkedHashMap<>();
      for (ServerTarget server : level) {
        byName.computeIfAbsent(server.name(), n -> new ArrayList<>()).add(server);
      }
      for (Map.Entry<String, List<ServerTarget>> entry : byName.entrySet()) {
        List<ServerTarget> same = entry.getValue();
        if (same.size() > 1) {
          throw Targets.misuse(same.get(0).declaration(), same.size() + " servers are named '" + entry.getKey()
              + "': give each its own name");
        }
        if (hidden.add(entry.getKey())) {
          visible.add(same.get(0));
        }
      }
    }
    return new Servers(visible);
  }

  private static List<ServerTarget> declared(List<TlsProbe> annotations, String on, Class<?> owner,
      @Nullable Method method) {
    List<ServerTarget> servers = new ArrayList<>();
    for (TlsProbe annotation : annotations) {
      if (ServerTarget.declaresServer(annotation)) {
        servers.add(ServerTarget.of(annotation, Targets.declaration(annotation, on), owner, method));
      }
    }
    return servers;
  }

  /** The server {@code parameter} asks for: the one named by its {@code @TlsProbe.Named}, or the only one. */
  ServerTarget select(ParameterContext parameter) {
    Optional<TlsProbe.Named> named = parameter.findAnnotation(TlsProbe.Named.class);
    String where = "parameter " + Targets.parameterName(parameter) + " of " + Targets.executable(parameter);
    if (named.isPresent()) {
      String name = named.get().value();
      return visible.stream().filter(t -> t.name().equals(name)).findFirst()
          .orElseThrow(() -> Targets.misuse("@TlsProbe.Named(\"" + name + "\") on " + where,
              "no server is named '" + name + "'; " + (visible.isEmpty() ? "no @TlsProbe declares a server"
                  : "the servers are " + list())));
    }
    if (visible.size() == 1) {
      return visible.get(0);
    }
    if (visible.isEmpty()) {
      throw Targets.misuse("@TlsProbe", where + " asks for a TlsProbeServer, but no @TlsProbe on the method or its"
          + " class declares one: add @TlsProbe(server = @ProbeServer(…))");
    }
    throw Targets.misuse("@TlsProbe", where + " could receive " + visible.size() + " servers, " + list()
        + ": choose one with @TlsProbe.Named(\"…\")");
  }

  /**
   * The misuse of asking for a {@link TlsConnectionReport} where only servers are declared: a server's reports exist
   * once a client connected, after the test method started.
   */
  static RuntimeException reportWithoutTarget(ServerTarget server) {
    return Targets.misuse(server.declaration(), "a TlsConnectionReport parameter has no target: server starts a"
        + " capture server, whose reports exist only once the client under test has connected; take a"
        + " TlsProbeServer parameter and call server.awaitConnection()");
  }

  private String list() {
    return visible.stream().map(ServerTarget::describe).collect(Collectors.joining(", "));
  }
}
