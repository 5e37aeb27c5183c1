package io.tlsprobe.cli;

import io.tlsprobe.wire.TlsDecodeException;
import io.tlsprobe.wire.TlsDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tlsprobe decode [--json] [--format auto|hex|binary] [FILE|-]}: prints what TLS records hold.
 *
 * <p>Without FILE it decodes an embedded ClientHello captured from a real client (curl 7.88 with OpenSSL 3.0), so the
 * command shows what it does on a machine with nothing else.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decode TLS records (hex or binary) and print the handshake messages they hold.",
      "Without FILE, decodes an embedded ClientHello captured from curl 7.88 (OpenSSL 3.0)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:decoded", "2:bad input (one line on standard error naming the field and offset)"})
final class DecodeCommand implements Callable<Integer> {
  /** The embedded sample: a real curl ClientHello (also in ../shared/vectors/curl_default.hex). */
  static final String SAMPLE_RESOURCE = "sample-clienthello.hex";

  @Spec private @Nullable CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "File with TLS records as hex text or raw bytes; '-' reads standard input.")
  private @Nullable String file;

  @Option(names = "--json", description = "Print JSON (schema tlsprobe.decode/1) instead of text.")
  private boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "How to read the input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "AUTO")
  private InputBytes.Format format = InputBytes.Format.AUTO;

  private final InputStream stdin;

  DecodeCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    CommandSpec commandSpec = java.util.Objects.requireNonNull(spec, "spec");
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    String source;
    byte[] tls;
    try {
      if (file == null) {
        source = "embedded sample (curl 7.88 ClientHello)";
        err.println("tlsprobe: no FILE given: decoding the " + source + "; pass FILE, or - for standard input");
        tls = InputBytes.toTlsBytes(sample(), InputBytes.Format.HEX);
      } else if (file.equals("-")) {
        source = "standard input";
        tls = InputBytes.toTlsBytes(InputBytes.read(stdin), format);
      } else {
        source = file;
        tls = InputBytes.toTlsBytes(InputBytes.read(Path.of(file)), format);
      }
      if (tls.length == 0) {
        throw new InputBytes.BadInputException("input: " + source + " holds no bytes");
      }
      Fields decoded = DecodedView.of(TlsDecoder.decode(tls), source, tls.length);
      if (json) {
        JsonOut.write(decoded, out);
        out.println();
      } else {
        new TextOut(out).write(decoded, 0);
      }
      out.flush();
      return Main.OK;
    } catch (TlsDecodeException e) {
      err.println("tlsprobe: cannot decode: " + e.getMessage());
    } catch (InputBytes.BadInputException e) {
      err.println("tlsprobe: " + e.getMessage());
    } catch (NoSuchFileException e) {
      err.println("tlsprobe: input: no such file: " + e.getFile());
    } catch (IOException e) {
      err.println("tlsprobe: input: cannot read " + file + ": " + e.getMessage());
    }
    return Main.BAD_INPUT;
  }

  private static byte[] sample() throws IOException {
    try (InputStream in = DecodeCommand.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IOException("embedded sample " + SAMPLE_RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }
}
