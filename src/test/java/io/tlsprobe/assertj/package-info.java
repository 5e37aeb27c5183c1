/**
 * Tests of the AssertJ assertions: each assertion passing and failing on reports built from real vocabulary values,
 * failure messages checked on their exact text, soft assertions collecting, navigation staying soft.
 */
@NullMarked
package io.tlsprobe.assertj;

import org.jspecify.annotations.NullMarked;
