package io.tlsprobe.junit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Names of classes and methods as messages show them: without the package, nested classes joined by a dot. */
final class Names {
  private Names() {}

  /** {@code GatewayTlsTest} or {@code GatewayTlsTest.Admin} for a nested class. */
  static String of(Class<?> type) {
    String name = type.getName();
    String packageName = type.getPackageName();
    if (!packageName.isEmpty()) {
      name = name.substring(packageName.length() + 1);
    }
    return name.replace('$', '.');
  }

  /** {@code GatewayTlsTest.negotiates(TlsConnectionReport)}. */
  static String of(Method method) {
    return of(method.getDeclaringClass()) + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
  }
}
