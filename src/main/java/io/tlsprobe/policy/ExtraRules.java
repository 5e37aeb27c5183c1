package io.tlsprobe.policy;

import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.CertificateInfo;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.Finding;
import io.tlsprobe.report.ServerCertificate;
import io.tlsprobe.report.ServerProfile;
import io.tlsprobe.report.TlsConnectionReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a {@link TlsPolicy} beyond its allowed lists: versions the server must accept, groups of which it must
 * accept one, {@link FeatureRule}s, and the leaf certificate's key size and curve. Kept apart so that {@link
 * TlsPolicy} stays the allowed-list checker it was.
 */
final class ExtraRules {
  private final Set<TlsProtocol> requiredProtocols;
  private final Set<NamedGroup> requiredGroupAmong;
  private final Set<FeatureRule> features;
  private final Map<String, Integer> minimumKeyBits;
  private final Set<String> curves;

  ExtraRules(Set<TlsProtocol> requiredProtocols, Set<NamedGroup> requiredGroupAmong, Set<FeatureRule> features,
      Map<String, Integer> minimumKeyBits, Set<String> curves) {
    this.requiredProtocols = Set.copyOf(requiredProtocols);
    this.requiredGroupAmong = Collections.unmodifiableSet(new LinkedHashSet<>(requiredGroupAmong));
    this.features = Set.copyOf(features);
    this.minimumKeyBits = Collections.unmodifiableMap(new LinkedHashMap<>(minimumKeyBits));
    this.curves = Collections.unmodifiableSet(new LinkedHashSet<>(curves));
  }

  Set<TlsProtocol> requiredProtocols() {
    return requiredProtocols;
  }

  Set<FeatureRule> features() {
    return features;
  }

  void check(ServerProfile profile, List<Violation> out) {
    requiredProtocols.stream().sorted().filter(p -> !profile.accepts(p)).forEach(p -> out.add(
        new Violation("required protocol", p.displayName() + " accepted", p.displayName() + " not accepted")));
    if (!requiredGroupAmong.isEmpty() && usesGroups(profile) && !profile.groups().isEmpty()
        && profile.groups().stream().noneMatch(requiredGroupAmong::contains)) {
      out.add(new Violation("required group", "at least one of " + names(requiredGroupAmong) + " accepted",
          "only " + names(profile.groups()) + " accepted"));
    }
    for (FeatureRule rule : FeatureRule.values()) {
      if (features.contains(rule) && rule.appliesTo(profile)) {
        Finding found = rule.findingIn(profile);
        if (rule.brokenBy(found)) {
          out.add(new Violation(rule.rule(), rule.expected(), found.toString()));
        }
      }
    }
    for (ServerCertificate c : profile.certificates()) {
      checkLeaf(c.leaf(), out);
    }
  }

  /** Each rule that could not be decided for {@code profile}, with the reason. */
  List<String> unchecked(ServerProfile profile) {
    List<String> out = new ArrayList<>();
    if (!requiredGroupAmong.isEmpty() && usesGroups(profile) && profile.groups().isEmpty()) {
      out.add("required group: the scan found no group");
    }
    for (FeatureRule rule : FeatureRule.values()) {
      if (features.contains(rule) && rule.appliesTo(profile)) {
        Finding found = rule.findingIn(profile);
        if (!found.isYes() && !found.isNo()) {
          out.add(rule.rule() + ": " + found);
        }
      }
    }
    if ((!minimumKeyBits.isEmpty() || !curves.isEmpty()) && profile.certificates().isEmpty()
        && !profile.acceptedProtocols().isEmpty()) {
      out.add("certificate: no certificate in the profile");
    }
    return List.copyOf(out);
  }

  void check(TlsConnectionReport report, List<Violation> out) {
    report.leafCertificate().ifPresent(leaf -> checkLeaf(leaf, out));
  }

  void check(ClientOffer offer, List<Violation> out) {
    requiredProtocols.stream().sorted().filter(p -> !offer.versions().contains(p)).forEach(p -> out.add(
        new Violation("required protocol", p.displayName() + " offered", p.displayName() + " not offered")));
  }

  private void checkLeaf(CertificateInfo leaf, List<Violation> out) {
    String type = leaf.keyType().toUpperCase(Locale.ROOT);
    Integer minimum = minimumKeyBits.get(type);
    if (minimum != null && leaf.keyBits() < minimum) {
      out.add(new Violation("certificate key size", type + " keys of at least " + minimum + " bits",
          type + " " + leaf.keyBits() + " bits (" + leaf.subject() + ")"));
    }
    if (!curves.isEmpty() && type.equals("EC")) {
      String curve = leaf.curve().orElse("an unnamed curve");
      if (!curves.contains(curve)) {
        out.add(new Violation("certificate curve", "one of " + String.join(", ", curves),
            curve + " (" + leaf.subject() + ")"));
      }
    }
  }

  /** Whether the server negotiates groups at all: TLS 1.3, or an ECDHE suite. */
  private static boolean usesGroups(ServerProfile profile) {
    return profile.accepts(TlsProtocol.TLSv1_3)
        || profile.acceptedCipherSuites().stream().anyMatch(s -> s.keyExchange().startsWith("ECDHE"));
  }

  private static String names(Collection<NamedGroup> groups) {
    return groups.stream().map(NamedGroup::name).collect(Collectors.joining(", "));
  }
}
