package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.probe.ProbeOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * A target named by a {@code @TlsProbe.Target} field, read when its report is first asked for: a static field once
 * per class, an instance field once per test method.
 *
 * <pre>{@code
 * FieldTarget target = FieldTarget.of(field, TestClass.class, optionsAnnotation, "@TlsProbe on class TestClass");
 * }</pre>
 *
 * @param field the field
 * @param marker its {@code @TlsProbe.Target}
 * @param kind what the field holds
 * @param level the test class (or enclosing test class) whose instance holds an instance field
 * @param options the {@code @TlsProbe} without host and port that gives this target's options, if any
 * @param optionsDeclaration where {@code options} is, for messages
 */
record FieldTarget(Field field, TlsProbe.Target marker, FieldEndpoints.Kind kind, Class<?> level,
    @Nullable TlsProbe options, String optionsDeclaration) implements ProbeTarget {

  FieldTarget {
    requireNonNull(field, "field");
    requireNonNull(marker, "marker");
    requireNonNull(kind, "kind");
    requireNonNull(level, "level");
    requireNonNull(optionsDeclaration, "optionsDeclaration");
  }

  /** {@code @TlsProbe.Target on field X.server}. */
  static String declarationOf(Field field) {
    return "@TlsProbe.Target on field " + Names.of(field.getDeclaringClass()) + "." + field.getName();
  }

  @Override
  public String name() {
    return nameOf(field, marker);
  }

  static String nameOf(Field field, TlsProbe.Target marker) {
    return marker.name().isBlank() ? field.getName() : marker.name();
  }

  @Override
  public String declaration() {
    return declarationOf(field);
  }

  boolean isStatic() {
    return Modifier.isStatic(field.getModifiers());
  }

  @Override
  public Object cacheKey() {
    return List.of("field", field);
  }

  @Override
  public ExtensionContext cacheContext(ExtensionContext context) {
    if (isStatic() || context.getTestMethod().isEmpty()) {
      return ProbeTarget.classContext(context, level);
    }
    return context;
  }

  @Override
  public ProbeOptions options(ExtensionContext context) {
    Elements elements = new Elements(declaration(), Placeholders.of(context));
    Object value = read(context, elements);
    HostPort where = FieldEndpoints.endpoint(kind, value, marker.port(), field.getName(), elements);
    Elements optionElements = new Elements(optionsDeclaration, elements.placeholders());
    return ProbeSettings.read(options, optionElements, context.getRequiredTestClass())
        .options(where.host(), where.port());
  }

  private Object read(ExtensionContext context, Elements elements) {
    Object instance = null;
    if (!isStatic()) {
      Optional<Object> found = context.getTestInstances().flatMap(instances -> instances.findInstance(level))
          .map(Object.class::cast);
      if (found.isEmpty()) {
        throw elements.misuse("field '" + field.getName() + "' is an instance field, read once per test, so a"
            + " @BeforeAll method or constructor cannot receive its report: make the field static");
      }
      instance = found.get();
    }
    Object value = ReflectionSupport.tryToReadFieldValue(field, instance)
        .getOrThrow(e -> elements.misuse("field '" + field.getName() + "' cannot be read: " + e, e));
    if (value == null) {
      throw elements.misuse("field '" + field.getName() + "' is null: start the server before the test runs");
    }
    return value;
  }
}
