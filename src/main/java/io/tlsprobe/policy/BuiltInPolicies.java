package io.tlsprobe.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the built-in policies are registered by name, for {@link TlsPolicy#named(String)} and the command
 * line's {@code --policy}.
 *
 * <pre>{@code
 * BuiltInPolicies.named("nist-800-52r2"); // Optional[TlsPolicy[NIST SP 800-52r2, …]]
 * }</pre>
 */
final class BuiltInPolicies {
  private static final Map<String, TlsPolicy> BY_NAME = registry();

  private BuiltInPolicies() {}

  private static Map<String, TlsPolicy> registry() {
    Map<String, TlsPolicy> m = new LinkedHashMap<>();
    m.put("mozilla-modern", TlsPolicy.MOZILLA_MODERN);
    m.put("mozilla-intermediate", TlsPolicy.MOZILLA_INTERMEDIATE);
    m.put("mozilla-5.7-modern", TlsPolicy.MOZILLA_5_7_MODERN);
    m.put("mozilla-5.7-intermediate", TlsPolicy.MOZILLA_5_7_INTERMEDIATE);
    m.put("mozilla-5.7-old", TlsPolicy.MOZILLA_5_7_OLD);
    m.put("nist-800-52r2", TlsPolicy.NIST_SP_800_52R2);
    m.put("bsi-tr-02102-2", TlsPolicy.BSI_TR_02102_2);
    return Collections.unmodifiableMap(m);
  }

  static Optional<TlsPolicy> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }
}
