package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tlsprobe.server.SampleMailbox.Message;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The IMAP front's FETCH parsing and rendering. */
class ImapFetchTest {
  private static final Message FIRST = SampleMailbox.MESSAGES.get(0);

  @Test
  void splitsItemListsAtTopLevelSpacesAndExpandsMacros() {
    assertThat(ImapFetch.items("(UID BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100> FLAGS)"))
        .containsExactly("UID", "BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100>", "FLAGS");
    assertThat(ImapFetch.items("FAST")).containsExactly("FLAGS", "INTERNALDATE", "RFC822.SIZE");
    assertThatIllegalArgumentException().isThrownBy(() -> ImapFetch.items("(UID BODY[HEADER"));
  }

  @Test
  void resolvesSequenceSetsWithinTheMailbox() {
    assertThat(ImapFetch.sequenceSet("1:*", 2)).containsExactly(1, 2);
    assertThat(ImapFetch.sequenceSet("2,1", 2)).containsExactly(1, 2);
    assertThat(ImapFetch.sequenceSet("5:*", 2)).containsExactly(2);
    assertThat(ImapFetch.sequenceSet("3", 2)).isEmpty();
    assertThatIllegalArgumentException().isThrownBy(() -> ImapFetch.sequenceSet("0:x", 2));
  }

  @Test
  void rendersAPartialBodyAsALiteralOfTheRequestedOctets() {
    Set<String> flags = new TreeSet<>();

    String response = ImapFetch.response(FIRST, List.of("BODY[TEXT]<5.7>"), flags);

    assertThat(response).isEqualTo("* 1 FETCH (BODY[TEXT]<5> {7}\r\nmessage)\r\n");
    assertThat(flags).containsExactly("\\Seen");
  }

  @Test
  void peekLeavesTheFlagsAndHeaderFieldsKeepOnlyTheNamedFields() {
    Set<String> flags = new TreeSet<>();

    String response = ImapFetch.response(FIRST, List.of("BODY.PEEK[HEADER.FIELDS (SUBJECT to)]"), flags);

    assertThat(response).isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT to)] {59}\r\n"
        + "To: Bob <bob@example.org>\r\nSubject: Hello from tlsprobe\r\n\r\n)\r\n");
    assertThat(flags).isEmpty();
  }

  @Test
  void describesTheMessageAsOneTextPlainPart() {
    String response = ImapFetch.response(FIRST, List.of("BODYSTRUCTURE", "RFC822.SIZE"), new TreeSet<>());

    assertThat(response).isEqualTo("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL "
        + "\"7BIT\" 91 2) RFC822.SIZE " + FIRST.size() + ")\r\n");
  }

  @Test
  void refusesItemsItDoesNotServe() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ImapFetch.response(FIRST, List.of("BINARY[1]"), new TreeSet<>()))
        .withMessage("unsupported FETCH item BINARY[1]");
  }
}
