package io.tlsprobe.junit;

import io.tlsprobe.probe.ProbeOptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One place a report can come from, as the test declared it: a {@code @TlsProbe} with host and port
 * ({@link AnnotationTarget}) or a {@code @TlsProbe.Target} field ({@link FieldTarget}).
 *
 * <pre>{@code
 * ProbeTarget target = ...;
 * ExtensionContext cache = target.cacheContext(context);  // the class's context or the method's
 * ProbeOptions options = target.options(context);         // reads placeholders and fields now
 * }</pre>
 */
interface ProbeTarget {
  /** The name a parameter's {@code @TlsProbe.Named} matches; also the report entry's key suffix. */
  String name();

  /** For messages: {@code @TlsProbe on class GatewayTlsTest} or {@code @TlsProbe.Target on field X.server}. */
  String declaration();

  /** The key of this target's report in the cache context's store. */
  Object cacheKey();

  /**
   * The context whose store keeps this target's report: the declaring class's for class-level annotations and static
   * fields, the test method's for method-level annotations and instance fields.
   */
  ExtensionContext cacheContext(ExtensionContext context);

  /** The options to probe with, read now: placeholders resolved, the field read. */
  ProbeOptions options(ExtensionContext context);

  /** {@code 'gateway' (@TlsProbe(name = "gateway") on class X)}, for lists of targets in messages. */
  default String describe() {
    return "'" + name() + "' (" + declaration() + ")";
  }

  /** The class-level context of {@code owner} among {@code context} and its parents, else the nearest class level. */
  static ExtensionContext classContext(ExtensionContext context, Class<?> owner) {
    ExtensionContext nearest = null;
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestMethod().isEmpty() && c.getTestClass().isPresent()) {
        if (c.getTestClass().get() == owner) {
          return c;
        }
        if (nearest == null) {
          nearest = c;
        }
      }
    }
    return nearest != null ? nearest : context;
  }
}
