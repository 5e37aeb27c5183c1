package io.tlsprobe.server;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * FTP with explicit ({@code AUTH TLS}, RFC 4217) and implicit FTPS in front of an unmodified MockFtpServer: the front
 * speaks to the client and records every line ({@link FtpConversation}), terminates TLS on the control connection and,
 * under {@code PROT P}, on each data connection ({@link FtpDataChannel}), and relays everything else in clear to a
 * {@code FakeFtpServer} on 127.0.0.1 ({@link FtpBackend}) whose fake file system the test owns.
 *
 * <p>MockFtpServer is an optional dependency of tlsprobe: this class never touches it (so {@link Fronts} loads it
 * without MockFtpServer on the class path); the backend is started on the first client and stopped by {@link
 * #close()}.
 */
final class FtpFront implements Front {
  static final String MOCK_FTP_SERVER_CLASS = "org.mockftpserver.fake.FakeFtpServer";

  private final @Nullable Object fileSystem;
  private final Object lock = new Object();
  private @Nullable FtpBackend backend;
  private boolean closed;

  /**
   * A front serving {@code fileSystem}.
   *
   * @param fileSystem a MockFtpServer {@code FileSystem}, typed {@code Object} so that this class loads without
   *     MockFtpServer; null for a fresh, empty {@code UnixFakeFileSystem}
   */
  FtpFront(@Nullable Object fileSystem) {
    this.fileSystem = fileSystem;
  }

  /**
   * Checks that MockFtpServer can be loaded.
   *
   * @throws IllegalStateException naming the dependency to add when it cannot
   */
  static void requireMockFtpServer() {
    try {
      Class.forName(MOCK_FTP_SERVER_CLASS, false, FtpFront.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("serving ftp needs MockFtpServer, an optional dependency of tlsprobe: add "
          + "org.mockftpserver:MockFtpServer:3.2.0 to the test dependencies (on the module path, also "
          + "--add-modules MockFtpServer); " + MOCK_FTP_SERVER_CLASS + " could not be loaded: " + e, e);
    }
  }

  @Override
  public void serve(FrontSession session) throws IOException {
    FtpBackend started = backend();
    try (FtpBackendControl control = new FtpBackendControl(started.port(), session.settings().idleTimeout())) {
      control.read(); // MockFtpServer's own greeting: the client gets the front's
      new FtpConversation(session, control).run();
    }
  }

  private FtpBackend backend() throws IOException {
    synchronized (lock) {
      if (closed) {
        throw new IOException("the capture server is closing");
      }
      if (backend == null) {
        backend = FtpBackend.start(fileSystem);
      }
      return backend;
    }
  }

  /** Stops MockFtpServer, if it was started. */
  @Override
  public void close() {
    FtpBackend started;
    synchronized (lock) {
      closed = true;
      started = backend;
      backend = null;
    }
    if (started != null) {
      started.close();
    }
  }
}
