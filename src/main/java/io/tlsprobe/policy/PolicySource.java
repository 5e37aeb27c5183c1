package io.tlsprobe.policy;

import static java.util.Objects.requireNonNull;

/**
 * Where a {@link TlsPolicy}'s rules come from: the document, its version and where to read it.
 *
 * <pre>{@code
 * PolicySource s = TlsPolicy.MOZILLA_INTERMEDIATE.source();
 * s.document(); // "Mozilla Server Side TLS"
 * s.version();  // "6.0"
 * s.url();      // "https://ssl-config.mozilla.org/guidelines/6.0.json"
 * }</pre>
 *
 * @param document the document's title
 * @param version the document's version
 * @param url where the document can be read
 */
public record PolicySource(String document, String version, String url) {
  public PolicySource {
    requireNonNull(document, "document");
    requireNonNull(version, "version");
    requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return document + " " + version + " (" + url + ")";
  }
}
