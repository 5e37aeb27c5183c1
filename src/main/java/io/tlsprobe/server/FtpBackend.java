package io.tlsprobe.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;
import org.mockftpserver.fake.FakeFtpServer;
import org.mockftpserver.fake.UserAccount;
import org.mockftpserver.fake.filesystem.DirectoryEntry;
import org.mockftpserver.fake.filesystem.FileSystem;
import org.mockftpserver.fake.filesystem.UnixFakeFileSystem;
import org.jspecify.annotations.Nullable;

/**
 * The unmodified MockFtpServer {@link FakeFtpServer} behind the {@link FtpFront}: it keeps the fake file system and
 * answers every FTP command the front does not answer itself. The only class of tlsprobe that touches MockFtpServer
 * (an optional dependency), so it is loaded only when a capture server serves FTP.
 *
 * <p>Its control port is bound on 127.0.0.1 (through the server's {@code serverSocketFactory}); it never opens a
 * passive data port, because the front always hands it {@code PORT} (it connects out to the front's loopback relay).
 * One account, {@link #USER}/{@link #PASSWORD} with home {@code /}: the front logs every client in with it, whatever
 * the client's own user name and password.
 */
final class FtpBackend implements AutoCloseable {
  /** The one account the front logs in with. */
  static final String USER = "tlsprobe";
  static final String PASSWORD = "tlsprobe";
  static final String HOME = "/";

  private final FakeFtpServer server;
  private final int port;

  private FtpBackend(FakeFtpServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a MockFtpServer on 127.0.0.1 and an ephemeral port serving {@code fileSystem} (a MockFtpServer {@link
   * FileSystem}; a fresh {@link UnixFakeFileSystem} when null). Its home directory {@code /} is created if missing.
   */
  static FtpBackend start(@Nullable Object fileSystem) {
    FileSystem files = fileSystem != null ? (FileSystem) fileSystem : new UnixFakeFileSystem();
    if (!files.exists(HOME)) {
      files.add(new DirectoryEntry(HOME));
    }
    AtomicReference<ServerSocket> bound = new AtomicReference<>();
    FakeFtpServer server = new FakeFtpServer() {
      {
        serverSocketFactory = p -> {
          ServerSocket socket = new ServerSocket(p, 50, InetAddress.getByName("127.0.0.1"));
          bound.set(socket);
          return socket;
        };
      }
    };
    server.setServerControlPort(0);
    server.setFileSystem(files);
    server.addUserAccount(new UserAccount(USER, PASSWORD, HOME));
    server.start();
    ServerSocket socket = bound.get();
    if (socket == null) {
      server.stop();
      throw new UncheckedIOException(new IOException("MockFtpServer did not bind its control port"));
    }
    return new FtpBackend(server, socket.getLocalPort());
  }

  /** The control port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** Stops the server and its sessions. */
  @Override
  public void close() {
    server.stop();
  }
}
