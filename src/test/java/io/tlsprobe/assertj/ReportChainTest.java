package io.tlsprobe.assertj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChainTest {

  @Test
  void isAListOfTheCertificatesThatKeepsItsContextWhenNarrowed() {
    // given the chain of a report
    ReportChain chain = new ReportChain(Fixtures.tls13().certificates(), Fixtures.tls13(), Fixtures.CLOCK,
        Navigator.HARD);

    // when narrowed to the CA
    ReportChain narrowed = chain.with(List.of(Fixtures.ca()));

    // then both are lists equal to plain lists, and the narrowed one still knows the report
    assertThat(chain).isEqualTo(List.of(Fixtures.leaf(), Fixtures.ca())).hasSize(2);
    assertThat(List.of(Fixtures.ca())).isEqualTo(narrowed);
    assertThat(narrowed.report()).isEqualTo(Fixtures.tls13());
    assertThat(narrowed.clock()).isSameAs(Fixtures.CLOCK);
    assertThat(narrowed.navigator()).isSameAs(Navigator.HARD);
  }
}
