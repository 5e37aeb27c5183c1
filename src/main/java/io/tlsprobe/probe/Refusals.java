package io.tlsprobe.probe;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.Alert;
import io.tlsprobe.wire.ServerHello;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * Explains, in a sentence, why JSSE would not accept what a server chose: a version or suite this JVM disables
 * ({@code jdk.tls.disabledAlgorithms}, read but never written), does not implement, or that the probe did not offer;
 * or a compression method, which JSSE never accepts.
 */
final class Refusals {
  private static final String DISABLED_PROPERTY = "jdk.tls.disabledAlgorithms";

  private final List<String> enabledProtocols;
  private final List<String> supportedProtocols;
  private final List<String> enabledSuites;
  private final List<String> supportedSuites;
  private final List<String> disabledTokens;

  Refusals(SSLEngine engine, SSLParameters supported) {
    this(Arrays.asList(engine.getEnabledProtocols()), Arrays.asList(supported.getProtocols()),
        Arrays.asList(engine.getEnabledCipherSuites()), Arrays.asList(supported.getCipherSuites()),
        tokens(Security.getProperty(DISABLED_PROPERTY)));
  }

  Refusals(List<String> enabledProtocols, List<String> supportedProtocols, List<String> enabledSuites,
      List<String> supportedSuites, List<String> disabledTokens) {
    this.enabledProtocols = List.copyOf(enabledProtocols);
    this.supportedProtocols = List.copyOf(supportedProtocols);
    this.enabledSuites = List.copyOf(enabledSuites);
    this.supportedSuites = List.copyOf(supportedSuites);
    this.disabledTokens = List.copyOf(disabledTokens);
  }

  /** The algorithm names in a disabledAlgorithms value, without constraints ({@code DH keySize < 1024}). */
  static List<String> tokens(@Nullable String property) {
    List<String> out = new ArrayList<>();
    if (property == null) {
      return out;
    }
    for (String t : property.split(",")) {
      String token = t.trim();
      if (!token.isEmpty() && !token.contains(" ")) {
        out.add(token);
      }
    }
    return out;
  }

  List<String> enabledProtocols() {
    return enabledProtocols;
  }

  /** Why JSSE refuses this ServerHello's choices, or empty when nothing in it is refused. */
  Optional<String> whyRefused(ServerHello hello) {
    List<String> reasons = new ArrayList<>();
    versionRefusal(hello.selectedVersion()).ifPresent(reasons::add);
    suiteRefusal(hello.cipherSuite()).ifPresent(reasons::add);
    if (hello.compressionMethod() != 0) {
      reasons.add("server chose compression method " + CompressionMethod.of(hello.compressionMethod()).name()
          + " (" + hello.compressionMethod() + "), which JSSE never accepts");
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  Optional<String> versionRefusal(int wireVersion) {
    Optional<TlsProtocol> protocol = TlsProtocol.fromWireVersion(wireVersion);
    String name = protocol.map(TlsProtocol::jsseName).orElse(TlsProtocol.describeWireVersion(wireVersion));
    if (enabledProtocols.contains(name)) {
      return Optional.empty();
    }
    String chose = "server chose " + name + ", which ";
    if (disabledTokens.contains(name)) {
      return Optional.of(chose + "this JVM disables (" + DISABLED_PROPERTY + ")");
    }
    if (supportedProtocols.contains(name)) {
      return Optional.of(chose + "the probe did not offer (offered: " + String.join(", ", enabledProtocols) + ")");
    }
    return Optional.of(chose + "this JVM does not implement");
  }

  Optional<String> suiteRefusal(int code) {
    String name = CipherSuite.of(code).name();
    if (enabledSuites.contains(name)) {
      return Optional.empty();
    }
    String chose = "server chose " + name + ", which ";
    Optional<String> token = disabledBy(name);
    if (token.isPresent()) {
      return Optional.of(chose + "this JVM disables (" + DISABLED_PROPERTY + ": " + token.get() + ")");
    }
    if (supportedSuites.contains(name)) {
      return Optional.of(chose + "the probe did not offer");
    }
    return Optional.of(chose + "this JVM does not offer");
  }

  /** The disabledAlgorithms entry that names a part of this suite ({@code 3DES_EDE_CBC}, {@code TLS_RSA_*}). */
  Optional<String> disabledBy(String suiteName) {
    String framed = "_" + suiteName.toUpperCase(Locale.ROOT) + "_";
    for (String token : disabledTokens) {
      String t = token.toUpperCase(Locale.ROOT);
      if (t.endsWith("*") ? suiteName.toUpperCase(Locale.ROOT).startsWith(t.substring(0, t.length() - 1))
          : framed.contains("_" + t + "_")) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /** {@code fatal alert protocol_version (70)}. */
  static String describe(Alert alert) {
    return (alert.isFatal() ? "fatal" : "warning") + " alert " + AlertDescription.of(alert.description()).name()
        + " (" + alert.description() + ")";
  }
}
