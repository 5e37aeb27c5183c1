package io.tlsprobe.junit;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.server.TlsCaptureServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started capture server kept in the {@code ExtensionContext.Store} of the context that owns it (the test class's,
 * or the test method's), closed by JUnit when that context ends.
 *
 * <p>It is both {@link AutoCloseable} (JUnit 5.13 and later close such store values, unless {@code
 * junit.jupiter.extensions.store.close.autocloseable.enabled=false}) and a {@code Store.CloseableResource} (closed in
 * that case, and by older versions); JUnit closes a value that is both only once, and {@link #close()} is idempotent
 * anyway.
 *
 * <pre>{@code
 * ServerHandle handle = target.start(context);
 * context.getStore(namespace).put(key, handle);   // closed with the context
 * }</pre>
 *
 * @param target the declaration
 * @param server the started server
 * @param awaitTimeout the default wait of {@link TlsProbeServer#awaitConnection()}
 */
@SuppressWarnings("deprecation") // Store.CloseableResource: deprecated since JUnit 5.13, still honoured
record ServerHandle(ServerTarget target, TlsCaptureServer server, Duration awaitTimeout)
    implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  ServerHandle {
    requireNonNull(target, "target");
    requireNonNull(server, "server");
    requireNonNull(awaitTimeout, "awaitTimeout");
  }

  @Override
  public void close() {
    server.close();
  }
}
