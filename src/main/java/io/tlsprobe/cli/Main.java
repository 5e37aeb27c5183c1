package io.tlsprobe.cli;

/** Entry point of {@code java -jar tlsprobe-cli.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("tlsprobe");
  }
}
