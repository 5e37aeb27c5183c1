package io.tlsprobe.server;

import io.tlsprobe.starttls.ServiceProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Run by {@link FtpFrontWithoutMockFtpServerTest} inside a class loader that cannot see MockFtpServer: starts an
 * HTTPS and an SMTP capture server, lists the supported protocols, then asks for FTP, and says what happened, one
 * fact per line.
 */
public final class WithoutMockFtpServer implements Callable<List<String>> {
  @Override
  public List<String> call() {
    List<String> facts = new ArrayList<>();
    try (TlsCaptureServer https = TlsCaptureServer.builder().build().start();
        TlsCaptureServer smtp = TlsCaptureServer.builder().protocol(ServiceProtocol.SMTP).build().start()) {
      facts.add("started " + https.uri().getScheme() + " and " + smtp.uri().getScheme());
    }
    facts.add("supported " + Fronts.supported());
    try {
      TlsCaptureServer.builder().protocol(ServiceProtocol.FTP).build();
      facts.add("ftp built");
    } catch (IllegalStateException e) {
      facts.add("ftp refused: " + e.getMessage());
    }
    return facts;
  }
}
