package io.tlsprobe.junit;

import io.tlsprobe.probe.ProbeOptions;
import io.tlsprobe.probe.TlsProbes;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.scan.ScanOptions;
import io.tlsprobe.scan.TlsScanner;
import io.tlsprobe.scan.TlsScans;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link TlsProbe @TlsProbe}: resolves {@link TlsConnectionReport} parameters by probing the
 * target the parameter names, once per target and scope, and publishes each report; resolves {@link ServerProfile}
 * parameters by scanning that target ({@code ScanOptions.from} the probe's options), once per target and scope; resolves {@link TlsProbeServer}
 * parameters with the capture server of a {@link ProbeServer @ProbeServer}, started on first use.
 *
 * <p>Nothing is read before a parameter asks for a report, so the test's own extensions and lifecycle methods have
 * started the servers by then. Reports are immutable and hold no resources; they live in the store of the class
 * context (class-level annotations, static fields) or of the test method's context (method-level annotations,
 * instance fields). A capture server lives in the same stores as a {@link ServerHandle}, closed with its context; each
 * context (the class's, each test method's) gets its own {@link TlsProbeServer} view of it, taken before each test's
 * {@code @BeforeEach} methods when the server is already running.
 */
final class TlsProbeExtension implements ParameterResolver, BeforeEachCallback {
  private static final Namespace NAMESPACE = Namespace.create(TlsProbeExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == TlsConnectionReport.class || type == ServerProfile.class || type == TlsProbeServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.getParameter().getType() == TlsProbeServer.class) {
      ServerTarget server = Servers.find(extensionContext).select(parameterContext);
      return view(extensionContext, handle(server.cacheContext(extensionContext), extensionContext, server));
    }
    ProbeTarget target = Targets.find(extensionContext).select(parameterContext);
    ExtensionContext cache = target.cacheContext(extensionContext);
    if (parameterContext.getParameter().getType() == ServerProfile.class) {
      return profile(cache, extensionContext, target);
    }
    return report(cache, extensionContext, target);
  }

  /** Gives the test its own view of each class-level server already running, before its {@code @BeforeEach}. */
  @Override
  public void beforeEach(ExtensionContext context) {
    for (ExtensionContext c = context.getParent().orElse(null); c != null; c = c.getParent().orElse(null)) {
      StartedServers started = c.getStore(NAMESPACE).get(StartedServers.key(c), StartedServers.class);
      if (started != null) {
        started.handles.forEach(handle -> view(context, handle));
      }
    }
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

  /**
   * The scan of {@code target}, made once per target in the same store as its report, on the run's one
   * {@link TlsScanner} (kept in the root store, which closes it when the test run ends; its idle threads end after a
   * few seconds anyway).
   */
  @SuppressWarnings("deprecation")
  private static ServerProfile profile(ExtensionContext cache, ExtensionContext current, ProbeTarget target) {
    Object key = List.of(ServerProfile.class, target.cacheKey());
    return cache.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> current.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TlsScanner.class, c -> TlsScans.scanner(), TlsScanner.class)
        .scan(ScanOptions.from(target.options(current))), ServerProfile.class);
  }

  @SuppressWarnings("deprecation")
  private static ServerHandle handle(ExtensionContext cache, ExtensionContext current, ServerTarget server) {
    Object key = List.of(TlsProbeExtension.class, server.cacheKey());
    return cache.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
      ServerHandle handle = server.start(current);
      cache.getStore(NAMESPACE).getOrComputeIfAbsent(StartedServers.key(cache), s -> new StartedServers(),
          StartedServers.class).handles.add(handle);
      return handle;
    }, ServerHandle.class);
  }

  /** The view of {@code handle} for {@code context}: one per context, from the moment it was first asked for. */
  @SuppressWarnings("deprecation")
  private static TlsProbeServer view(ExtensionContext context, ServerHandle handle) {
    // The key names the context: a store also answers with its parents' values, and each context has its own view.
    Object key = List.of(TlsProbeServer.class, handle.target().cacheKey(), context.getUniqueId());
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> new TlsProbeServer(handle, context),
        TlsProbeServer.class);
  }

  /** The servers started in one context, so that each test of it gets its view before its {@code @BeforeEach}. */
  private static final class StartedServers {
    final List<ServerHandle> handles = new CopyOnWriteArrayList<>();

    static Object key(ExtensionContext context) {
      return List.of(StartedServers.class, context.getUniqueId());
    }
  }
}
