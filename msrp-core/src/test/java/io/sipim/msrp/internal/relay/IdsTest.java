package io.sipim.msrp.internal.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.CharRange;

class IdsTest {

    /** RFC 4975 §7.1.1: the end-line search (probing every 7th byte) agrees with a plain search, wherever the pattern sits. */
    @Property
    void findsEndLineAnywhere(@ForAll @StringLength(max = 60) @CharRange(from = '+', to = '.') String noise,
                              @ForAll @IntRange(min = 0, max = 60) int at, @ForAll boolean plant) {
        String tid = "abc123XYZ";
        StringBuilder sb = new StringBuilder(noise);
        if (plant) {
            sb.insert(Math.min(at, sb.length()), "-------" + tid);
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        assertEquals(sb.indexOf("-------" + tid) >= 0, Ids.containsEndLine(body, body.length, tid));
    }
}
