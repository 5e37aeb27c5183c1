package io.tlsprobe.junit;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link TlsProbe @TlsProbe}: resolves {@link TlsConnectionReport} parameters by probing the
 * target the parameter names, once per target and scope, and publishes each report.
 *
 * <p>Nothing is read before a parameter asks for a report, so the test's own extensions and lifecycle methods have
 * started the servers by then. Reports are immutable and hold no resources; they live in the store of the class
 * context (class-level annotations, static fields) or of the test method's context (method-level annotations,
 * instance fields).
 */
final class TlsProbeExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(TlsProbeExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TlsConnectionReport.class;
  }

  @Override
  public TlsConnectionReport resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ProbeTarget target = Targets.find(extensionContext).select(parameterContext);
    ExtensionContext cache = target.cacheContext(extensionContext);
    return report(cache, extensionContext, target);
  }

  @SuppressWarnings("deprecation") // getOrComputeIfAbsent: deprecated in JUnit 6, the only choice in 5.14
  private static TlsConnectionReport report(ExtensionContext cache, ExtensionContext current, ProbeTarget target) {
    Object key = List.of(TlsProbeExtension.class, target.cacheKey());
    return cache.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
      ProbeOptions options = target.options(current);
      TlsConnectionReport report = TlsProbes.probe(options);
      Publication.publish(cache, target.name(), report);
      return report;
    }, TlsConnectionReport.class);
  }
}
