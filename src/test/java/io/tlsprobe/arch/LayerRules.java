package io.tlsprobe.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.security.Provider;
import java.security.Security;
import java.util.Properties;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The rules of DESIGN.md "Layers", written for any root package so that they can be checked both against tlsprobe
 * itself ({@code io.tlsprobe}) and against a deliberately bad fixture ({@code io.tlsprobe.arch.fixture}) that proves
 * each rule can fail.
 *
 * <pre>{@code
 * LayerRules.vocabularyIsALeaf("io.tlsprobe").check(importedClasses);
 * }</pre>
 *
 * <p>Layers, top to bottom: {@code junit}, {@code assertj}, {@code cli} | {@code probe}, {@code scan},
 * {@code server}, {@code starttls}, {@code cert}, {@code policy} | {@code report}, {@code wire} | the vocabulary (the
 * root package itself). Imports flow downward only.
 */
final class LayerRules {

  static final String[] TOP = {"junit", "assertj", "cli"};
  static final String[] MIDDLE = {"probe", "scan", "server", "starttls", "cert", "policy"};
  static final String[] BOTTOM = {"report", "wire"};

  private LayerRules() {}

  /** Classes in exactly the root package (the vocabulary) depend on no other package of ours. */
  static ArchRule vocabularyIsALeaf(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root)
        .should()
        .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAPackage(root))))
        .as("the vocabulary (" + root + ") imports nothing else of ours")
        .because("it is the leaf every other layer builds on");
  }

  /** The codec depends only on itself, the vocabulary, the JDK and JSpecify. */
  static ArchRule wireDependsOnlyOnVocabulary(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(root, root + ".wire..", "java..", "org.jspecify..")
        .as("the wire codec depends only on the vocabulary, the JDK and JSpecify")
        .allowEmptyShould(true);
  }

  /** The codec does no I/O and knows no test framework. */
  static ArchRule wireDoesNoIo(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net..", "javax.net..", "java.nio.channels..", "org.junit..", "org.assertj..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.io\\.File.*")
        .as("the wire codec does no I/O (java.net, javax.net, java.nio.channels, java.io.File*) and knows no JUnit"
            + " or AssertJ")
        .because("it is a pure codec, fuzzed on bytes")
        .allowEmptyShould(true);
  }

  /** The report model renders without JUnit, AssertJ or anything above it. */
  static ArchRule reportKnowsNothingAbove(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(packages(root, TOP), packages(root, MIDDLE), "org.junit..", "org.assertj.."))
        .as("the report model depends on no test framework and on nothing above it")
        .allowEmptyShould(true);
  }

  /** The AssertJ assertions work in any test framework. */
  static ArchRule assertionsDoNotNeedJunit(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".assertj..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.junit..")
        .as("the AssertJ assertions do not depend on JUnit")
        .because("they work in any test framework")
        .allowEmptyShould(true);
  }

  /** Nothing below depends on anything above; layers that do not exist yet are optional. */
  static ArchRule layersPointDownward(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("top")
        .definedBy(packages(root, TOP))
        .layer("middle")
        .definedBy(packages(root, MIDDLE))
        .layer("bottom")
        .definedBy(packages(root, BOTTOM))
        .layer("vocabulary")
        .definedBy(root)
        .whereLayer("top")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("middle")
        .mayOnlyBeAccessedByLayers("top")
        .whereLayer("bottom")
        .mayOnlyBeAccessedByLayers("top", "middle")
        .whereLayer("vocabulary")
        .mayOnlyBeAccessedByLayers("top", "middle", "bottom")
        .as("layers of " + root + " point downward: junit/assertj/cli > probe/scan/server/starttls/cert/policy"
            + " > report/wire > vocabulary");
  }

  /** No JVM-wide TLS or system state is changed: tests of one suite must not leak into another. */
  static ArchRule changesNoGlobalState(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .callMethod(Security.class, "setProperty", String.class, String.class)
        .orShould()
        .callMethod(Security.class, "addProvider", Provider.class)
        .orShould()
        .callMethod(Security.class, "insertProviderAt", Provider.class, int.class)
        .orShould()
        .callMethod(Security.class, "removeProvider", String.class)
        .orShould()
        .callMethod(SSLContext.class, "setDefault", SSLContext.class)
        .orShould()
        .callMethodWhere(httpsUrlConnectionDefaultSetter())
        .orShould()
        .callMethod(System.class, "setProperty", String.class, String.class)
        .orShould()
        .callMethod(System.class, "setProperties", Properties.class)
        .orShould()
        .callMethod(System.class, "clearProperty", String.class)
        .as("no class changes JVM-wide state (Security properties and providers, SSLContext.setDefault,"
            + " HttpsURLConnection.setDefault*, system properties)")
        .because("a test library must not change how the rest of the suite behaves");
  }

  /**
   * MockFtpServer, an optional dependency, is used by the FTP front's backend only, and named by the capture server's
   * builder option that hands it a file system: no other class may need it, so nothing else fails without it.
   */
  static ArchRule onlyTheFtpBackendUsesMockFtpServer(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .doNotHaveFullyQualifiedName(root + ".server.FtpBackend")
        .and()
        .doNotHaveFullyQualifiedName(root + ".server.FtpBackend$1")
        .and()
        .doNotHaveFullyQualifiedName(root + ".server.TlsCaptureServer")
        .and()
        .doNotHaveFullyQualifiedName(root + ".server.TlsCaptureServer$Builder")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.mockftpserver..")
        .as("only the FTP front's backend (and the capture server's ftpFileSystem option) use MockFtpServer")
        .because("it is an optional dependency: a user without it must be able to use everything but FTP");
  }

  private static DescribedPredicate<JavaMethodCall> httpsUrlConnectionDefaultSetter() {
    return DescribedPredicate.describe(
        "HttpsURLConnection.setDefault*",
        call ->
            call.getTargetOwner().isAssignableTo(HttpsURLConnection.class)
                && call.getName().startsWith("setDefault"));
  }

  private static String[] packages(String root, String[] names) {
    String[] result = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      result[i] = root + "." + names[i] + "..";
    }
    return result;
  }

  private static String[] concat(String[] first, String[] second, String... rest) {
    String[] result = new String[first.length + second.length + rest.length];
    System.arraycopy(first, 0, result, 0, first.length);
    System.arraycopy(second, 0, result, first.length, second.length);
    System.arraycopy(rest, 0, result, first.length + second.length, rest.length);
    return result;
  }
}
