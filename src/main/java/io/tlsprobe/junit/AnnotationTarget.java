package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.probe.ProbeOptions;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;

/**
 * A target named by a {@code @TlsProbe} with host and port (or host and protocol), on a test class (probed once per class) or a test method
 * (probed once per method).
 *
 * <pre>{@code
 * new AnnotationTarget(annotation, "@TlsProbe on class GatewayTlsTest", GatewayTlsTest.class, null);
 * }</pre>
 *
 * @param annotation the annotation
 * @param declaration where it is, for messages
 * @param owner the test class it is on, or the class of the test method
 * @param method the test method it is on, or {@code null} on a class
 */
record AnnotationTarget(TlsProbe annotation, String declaration, Class<?> owner, @Nullable Method method)
    implements ProbeTarget {

  /** The name of a target whose {@code @TlsProbe} has no {@code name}. */
  static final String DEFAULT_NAME = "default";

  AnnotationTarget {
    requireNonNull(annotation, "annotation");
    requireNonNull(declaration, "declaration");
    requireNonNull(owner, "owner");
  }

  @Override
  public String name() {
    return annotation.name().isBlank() ? DEFAULT_NAME : annotation.name();
  }

  @Override
  public Object cacheKey() {
    return List.of("annotation", method != null ? method : owner, annotation);
  }

  @Override
  public ExtensionContext cacheContext(ExtensionContext context) {
    return method != null ? context : ProbeTarget.classContext(context, owner);
  }

  @Override
  public ProbeOptions options(ExtensionContext context) {
    Elements elements = new Elements(declaration, Placeholders.of(context));
    ProbeSettings settings = ProbeSettings.read(annotation, elements, context.getRequiredTestClass());
    Elements.Value host = elements.value("host", annotation.host());
    if (host.text().isBlank()) {
      throw elements.misuse(host.found() + " is empty: name the host to probe");
    }
    int port = annotation.port().isBlank()
        ? settings.defaultPort().orElseThrow(() -> elements.misuse("port is empty: name the port to probe"))
        : elements.port(annotation.port());
    return settings.options(host.text().trim(), port);
  }
}
