package io.sipim.msrp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sipim.msrp.message.ByteRange;
import io.sipim.msrp.message.MsrpRequest;
import io.sipim.msrp.message.MsrpResponse;
import io.sipim.msrp.message.MsrpUri;
import io.sipim.msrp.parse.MsrpEncoder;
import org.junit.jupiter.api.Test;

/** The templated 200 is byte for byte the response RFC 4975 §7.2 builds, for any id and path change. */
class OkResponsesTest {

    private static MsrpRequest send(String tid, String to, String from) {
        return MsrpRequest.builder(MsrpRequest.SEND).transactionId(tid).toPath(MsrpUri.parse(to))
                .fromPath(MsrpUri.parse("msrp://relay.test:2855/r1;tcp"), MsrpUri.parse(from)).messageId("m0001")
                .byteRange(ByteRange.of(1, 3, 3)).contentType("text/plain").build();
    }

    @Test
    void templatedOkEqualsTheBuiltResponse() {
        OkResponses ok = new OkResponses();
        String[][] cases = {
            {"a1b2c3d4", "msrp://bob.test:2855/s1;tcp", "msrp://alice.test:1/a1;tcp"},
            {"x9", "msrp://bob.test:2855/s1;tcp", "msrp://alice.test:1/a1;tcp"},
            {"tid.with-chars+%=", "msrp://bob.test:2855/s1;tcp", "msrp://alice.test:1/a1;tcp"},
            {"q0000001", "msrp://[2001:db8::1]:2855/s2;tcp", "msrp://alice.test:1/a2;tcp"},
        };
        for (String[] c : cases) {
            String tid = c[0].length() < 4 ? c[0] + "0000" : c[0];
            MsrpRequest r = send(tid, c[1], c[2]);
            assertArrayEquals(MsrpEncoder.encode(MsrpResponse.to(r, 200).build()), ok.ok(r), tid);
        }
    }
}
