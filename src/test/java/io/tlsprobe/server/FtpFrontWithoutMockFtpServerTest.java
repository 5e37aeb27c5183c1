package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * MockFtpServer is an optional dependency: without it the capture server serves everything else, and asking for FTP
 * fails at build() with a message naming what to add. Proven in a class loader holding the whole test class path but
 * MockFtpServer's jar.
 */
class FtpFrontWithoutMockFtpServerTest {

  @Test
  void capturesEverythingElseAndNamesTheMissingDependencyWhenFtpIsAsked() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(locationsWithoutMockFtpServer(),
        ClassLoader.getPlatformClassLoader())) {
      assertThat(canLoad(loader, FtpFront.MOCK_FTP_SERVER_CLASS)).as("MockFtpServer is hidden").isFalse();

      @SuppressWarnings("unchecked")
      Callable<List<String>> run = (Callable<List<String>>) loader.loadClass(WithoutMockFtpServer.class.getName())
          .getDeclaredConstructor().newInstance();
      List<String> facts = run.call();

      assertThat(facts).hasSize(3);
      assertThat(facts.get(1)).as("FTP is listed (it is there once MockFtpServer is)").startsWith("supported [")
          .contains("FTP", "HTTPS", "SMTP");
      assertThat(List.of(facts.get(0), facts.get(2))).containsExactly("started https and smtp", "ftp refused: serving ftp needs MockFtpServer, an optional dependency of tlsprobe: add "
              + "org.mockftpserver:MockFtpServer:3.2.0 to the test dependencies (on the module path, also "
              + "--add-modules MockFtpServer); org.mockftpserver.fake.FakeFtpServer could not be loaded: "
              + "java.lang.ClassNotFoundException: org.mockftpserver.fake.FakeFtpServer");
    }
  }

  /** The test class path (surefire's, else the JVM's) without MockFtpServer's jar. */
  private static URL[] locationsWithoutMockFtpServer() throws MalformedURLException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).getFileName().toString().startsWith("MockFtpServer")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(urls).anyMatch(u -> u.toString().contains("bcprov"));
    return urls.toArray(URL[]::new);
  }

  private static boolean canLoad(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
