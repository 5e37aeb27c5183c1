package io.tlsprobe.junit;

import io.tlsprobe.starttls.ServiceProtocol;
import io.tlsprobe.starttls.StartTls;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The targets a test sees, nearest first: {@code @TlsProbe}s on the test method, then, for the test class and each
 * class enclosing a {@code @Nested} one, its {@code @TlsProbe}s and {@code @TlsProbe.Target} fields. A name declared
 * nearer hides the same name further out; two targets of one name at the same level are a misuse.
 *
 * <pre>{@code
 * ProbeTarget target = Targets.find(context).select(parameterContext);
 * }</pre>
 */
final class Targets {
  private final List<ProbeTarget> visible;

  private Targets(List<ProbeTarget> visible) {
    this.visible = List.copyOf(visible);
  }

  List<ProbeTarget> visible() {
    return visible;
  }

  /** Every target visible from {@code context}, checked for misuse. */
  static Targets find(ExtensionContext context) {
    List<List<ProbeTarget>> levels = new ArrayList<>();
    String firstDeclaration = null;
    ServerTarget server = null;
    Optional<Method> testMethod = context.getTestMethod();
    if (testMethod.isPresent()) {
      Method method = testMethod.get();
      List<ProbeTarget> level = new ArrayList<>();
      for (TlsProbe annotation : AnnotationSupport.findRepeatableAnnotations(method, TlsProbe.class)) {
        String declaration = declaration(annotation, "method " + Names.of(method));
        if (ServerTarget.declaresServer(annotation)) {
          server = server == null ? ServerTarget.of(annotation, declaration, context.getRequiredTestClass(), method)
              : server;
          continue;
        }
        firstDeclaration = firstDeclaration == null ? declaration : firstDeclaration;
        if (optionsOnly(annotation)) {
          throw misuse(declaration, "host and port are empty: on a method, @TlsProbe names a target to probe;"
              + " options for @TlsProbe.Target fields belong on the class");
        }
        checkHostAndPort(annotation, declaration);
        level.add(new AnnotationTarget(annotation, declaration, context.getRequiredTestClass(), method));
      }
      levels.add(level);
    }
    List<ClassLevel> classLevels = new ArrayList<>();
    for (Class<?> type : classLevels(context.getRequiredTestClass())) {
      ClassLevel level = ClassLevel.of(type);
      classLevels.add(level);
      if (firstDeclaration == null && !level.declarations.isEmpty()) {
        firstDeclaration = level.declarations.get(0);
      }
      if (server == null && !level.servers.isEmpty()) {
        server = level.servers.get(0);
      }
    }
    checkNamedOptionsMatchFields(classLevels);
    for (int i = 0; i < classLevels.size(); i++) {
      ClassLevel level = classLevels.get(i);
      List<ProbeTarget> targets = new ArrayList<>(level.annotationTargets);
      for (Field field : level.fields) {
        targets.add(fieldTarget(field, level.type, classLevels.subList(i, classLevels.size())));
      }
      levels.add(targets);
    }
    List<ProbeTarget> visible = shadow(levels);
    if (visible.isEmpty() && server != null) {
      throw Servers.reportWithoutTarget(server);
    }
    if (visible.isEmpty()) {
      throw misuse(firstDeclaration == null ? "@TlsProbe on class " + Names.of(context.getRequiredTestClass())
          : firstDeclaration, "no host and no target: set host and port, or mark a field with @TlsProbe.Target");
    }
    return new Targets(visible);
  }

  /**
   * The target {@code parameter} asks for: the one named by its {@code @TlsProbe.Named}, or the only one.
   */
  ProbeTarget select(ParameterContext parameter) {
    Optional<TlsProbe.Named> named = parameter.findAnnotation(TlsProbe.Named.class);
    String where = "parameter " + parameterName(parameter) + " of " + executable(parameter);
    if (named.isPresent()) {
      String name = named.get().value();
      return visible.stream().filter(t -> t.name().equals(name)).findFirst()
          .orElseThrow(() -> misuse("@TlsProbe.Named(\"" + name + "\") on " + where,
              "no target is named '" + name + "'; the targets are " + list()));
    }
    if (visible.size() == 1) {
      return visible.get(0);
    }
    throw misuse("@TlsProbe", where + " could receive the report of " + visible.size() + " targets, "
        + list() + ": choose one with @TlsProbe.Named(\"…\")");
  }

  private String list() {
    return visible.stream().map(ProbeTarget::describe).collect(Collectors.joining(", "));
  }

  private static List<ProbeTarget> shadow(List<List<ProbeTarget>> levels) {
    List<ProbeTarget> visible = new ArrayList<>();
    Set<String> hidden = new HashSet<>();
    for (List<ProbeTarget> level : levels) {
      Map<String, List<ProbeTarget>> byName = new LinkedHashMap<>();
      for (ProbeTarget target : level) {
        byName.computeIfAbsent(target.name(), n -> new ArrayList<>()).add(target);
      }
      for (Map.Entry<String, List<ProbeTarget>> entry : byName.entrySet()) {
        List<ProbeTarget> same = entry.getValue();
        if (same.size() > 1) {
          throw misuse(same.get(0).declaration(), same.size() + " targets are named '" + entry.getKey() + "' ("
              + same.stream().map(ProbeTarget::declaration).collect(Collectors.joining(", "))
              + "): give each its own name");
        }
        if (hidden.add(entry.getKey())) {
          visible.add(same.get(0));
        }
      }
    }
    return visible;
  }

  private static FieldTarget fieldTarget(Field field, Class<?> level, List<ClassLevel> outward) {
    TlsProbe.Target marker = field.getAnnotation(TlsProbe.Target.class);
    String declaration = FieldTarget.declarationOf(field);
    FieldEndpoints.Kind kind = FieldEndpoints.kindOf(field.getType()).orElseThrow(() -> misuse(declaration,
        "type " + field.getType().getSimpleName() + " is not supported: use " + FieldEndpoints.SUPPORTED_TYPES));
    if (kind == FieldEndpoints.Kind.CONTAINER) {
      if (marker.port() == 0) {
        throw misuse(declaration, "port is not set: for a ContainerState, name the container port to probe,"
            + " e.g. @TlsProbe.Target(port = 8443)");
      }
      if (marker.port() < 1 || marker.port() > 0xffff) {
        throw misuse(declaration, "port = " + marker.port() + " is not a port 1-65535");
      }
    } else if (marker.port() != 0) {
      throw misuse(declaration, "port = " + marker.port() + " applies only to a ContainerState field;"
          + " a field of type " + field.getType().getSimpleName() + " holds its own port");
    }
    String name = FieldTarget.nameOf(field, marker);
    for (ClassLevel level2 : outward) {
      Optional<Options> options = level2.optionsFor(name);
      if (options.isPresent()) {
        return new FieldTarget(field, marker, kind, level, options.get().annotation, options.get().declaration);
      }
    }
    return new FieldTarget(field, marker, kind, level, null, "@TlsProbe on class " + Names.of(level));
  }

  private static void checkNamedOptionsMatchFields(List<ClassLevel> levels) {
    Set<String> fieldNames = new HashSet<>();
    for (ClassLevel level : levels) {
      for (Field field : level.fields) {
        fieldNames.add(FieldTarget.nameOf(field, field.getAnnotation(TlsProbe.Target.class)));
      }
    }
    for (ClassLevel level : levels) {
      for (Options options : level.options) {
        String name = options.annotation.name();
        if (!name.isBlank() && !fieldNames.contains(name)) {
          throw misuse(options.declaration, "host and port are empty, so it gives options to the @TlsProbe.Target"
              + " field named '" + name + "', but no such field exists" + (fieldNames.isEmpty() ? ""
                  : " (fields: " + fieldNames.stream().sorted().collect(Collectors.joining(", ")) + ")"));
        }
      }
    }
  }

  /** The test class, then each class it is an inner ({@code @Nested}) class of. */
  static List<Class<?>> classLevels(Class<?> testClass) {
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> c = testClass; c != null; c = innerOf(c)) {
      classes.add(c);
    }
    return classes;
  }

  private static @Nullable Class<?> innerOf(Class<?> type) {
    return Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
  }

  static boolean optionsOnly(TlsProbe annotation) {
    return annotation.host().isBlank() && annotation.port().isBlank();
  }

  private static void checkHostAndPort(TlsProbe annotation, String declaration) {
    if (annotation.host().isBlank()) {
      throw misuse(declaration, "port '" + annotation.port() + "' is given but host is empty: give both");
    }
    if (annotation.port().isBlank() && annotation.protocol() == ServiceProtocol.NONE) {
      StartTls startTls = annotation.startTls();
      if (startTls.isUpgrade()) {
        throw misuse(declaration, "startTls = " + startTls.name() + " on host '" + annotation.host()
            + "' needs a port: set port, or protocol for the service's well-known port"
            + ServiceProtocol.byName(startTls.cliName())
                .map(p -> " (protocol = " + p.name() + ": " + p.defaultPort().orElse(0) + ")").orElse(""));
      }
      throw misuse(declaration, "host '" + annotation.host() + "' is given but port is empty: give both, or set"
          + " protocol for the service's well-known port");
    }
  }

  /** {@code @TlsProbe on class X} or {@code @TlsProbe(name = "admin") on method X.m()}. */
  static String declaration(TlsProbe annotation, String on) {
    return "@TlsProbe" + (annotation.name().isBlank() ? "" : "(name = \"" + annotation.name() + "\")") + " on " + on;
  }

  static ExtensionConfigurationException misuse(String declaration, String problem) {
    return new ExtensionConfigurationException(declaration + ": " + problem);
  }

  static String parameterName(ParameterContext parameter) {
    return parameter.getParameter().isNamePresent() ? "'" + parameter.getParameter().getName() + "'"
        : "#" + parameter.getIndex();
  }

  static String executable(ParameterContext parameter) {
    if (parameter.getDeclaringExecutable() instanceof Method method) {
      return "method " + Names.of(method);
    }
    return "constructor of " + Names.of(parameter.getDeclaringExecutable().getDeclaringClass());
  }

  /**
   * A {@code @TlsProbe} without host and port: options for field targets.
   *
   * @param annotation the annotation
   * @param declaration where it is
   */
  private record Options(TlsProbe annotation, String declaration) {}

  /** What one class declares. */
  private static final class ClassLevel {
    final Class<?> type;
    final List<String> declarations = new ArrayList<>();
    final List<ProbeTarget> annotationTargets = new ArrayList<>();
    final List<Options> options = new ArrayList<>();
    final List<ServerTarget> servers = new ArrayList<>();
    final List<Field> fields;

    private ClassLevel(Class<?> type) {
      this.type = type;
      this.fields = AnnotationSupport.findAnnotatedFields(type, TlsProbe.Target.class);
    }

    static ClassLevel of(Class<?> type) {
      ClassLevel level = new ClassLevel(type);
      for (TlsProbe annotation : AnnotationSupport.findRepeatableAnnotations(type, TlsProbe.class)) {
        String declaration = declaration(annotation, "class " + Names.of(type));
        if (ServerTarget.declaresServer(annotation)) {
          level.servers.add(ServerTarget.of(annotation, declaration, type, null));
          continue;
        }
        level.declarations.add(declaration);
        if (optionsOnly(annotation)) {
          for (Options other : level.options) {
            if (other.annotation.name().equals(annotation.name())) {
              throw misuse(declaration, "two @TlsProbe without host and port give options to "
                  + (annotation.name().isBlank() ? "every @TlsProbe.Target field" : "the field target '"
                  + annotation.name() + "'") + ": merge them");
            }
          }
          level.options.add(new Options(annotation, declaration));
        } else {
          checkHostAndPort(annotation, declaration);
          level.annotationTargets.add(new AnnotationTarget(annotation, declaration, type, null));
        }
      }
      return level;
    }

    /** The options for the field target {@code name}: the ones named for it, else the unnamed ones. */
    Optional<Options> optionsFor(String name) {
      return options.stream().filter(o -> o.annotation.name().equals(name)).findFirst()
          .or(() -> options.stream().filter(o -> o.annotation.name().isBlank()).findFirst());
    }
  }
}
