/** Tests of the failure message factories, each on the exact text of its messages. */
@NullMarked
package io.tlsprobe.assertj.error;

import org.jspecify.annotations.NullMarked;
