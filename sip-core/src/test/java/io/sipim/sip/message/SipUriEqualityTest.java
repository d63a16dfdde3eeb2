package io.sipim.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §19.1.4, with the pairs the RFC itself lists and a few more for each rule. */
class SipUriEqualityTest {

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        // RFC 3261 §19.1.4, equivalent URIs
        "sip:%61lice@atlanta.com;transport=TCP|sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com|sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com|sip:carol@chicago.com;security=on",
        "sip:carol@chicago.com;newparam=5|sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com|sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent|sip:alice@atlanta.com?priority=urgent&subject=project%20x",
        // and each rule on its own
        "sip:alice@atlanta.com;maddr=239.255.255.1|sip:alice@atlanta.com;MADDR=239.255.255.1",
        "sip:alice@atlanta.com;lr|sip:alice@atlanta.com",
        "sip:alice:pw@atlanta.com|sip:alice:%70w@atlanta.com",
        "sip:alice@[::1]|sip:alice@[0:0:0:0:0:0:0:1]",
        "sip:[2001:DB8::10]:5070|sip:[2001:db8:0:0:0:0:0:10]:5070",
        "sip:[::ffff:192.0.2.1]|sip:[::ffff:c000:201]",
        "sip:alice@atlanta.com;x=%41|sip:alice@atlanta.com;x=a",
        "sip:alice@atlanta.com?Subject=hi|sip:alice@atlanta.com?subject=hi",
        "SIP:alice@atlanta.com|sip:alice@atlanta.com",
    })
    void rfc3261_19_1_4_equivalentUris(String a, String b) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);
        assertEquals(x, y);
        assertEquals(y, x);
        assertEquals(x.hashCode(), y.hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        // RFC 3261 §19.1.4, URIs that are not equivalent
        "SIP:ALICE@AtLanTa.CoM;Transport=udp|sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com|sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com|sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com|sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com|sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com|sip:bob@192.0.2.4",
        // equality is not transitive
        "sip:carol@chicago.com;security=on|sip:carol@chicago.com;security=off",
        // and each rule on its own
        "sip:alice@atlanta.com|sips:alice@atlanta.com",
        "sip:alice@atlanta.com|sip:atlanta.com",
        "sip:alice:pw@atlanta.com|sip:alice@atlanta.com",
        "sip:alice:pw@atlanta.com|sip:alice:PW@atlanta.com",
        "sip:alice@atlanta.com;user=phone|sip:alice@atlanta.com",
        "sip:alice@atlanta.com;ttl=1|sip:alice@atlanta.com",
        "sip:alice@atlanta.com;method=INVITE|sip:alice@atlanta.com",
        "sip:alice@atlanta.com;maddr=239.255.255.1|sip:alice@atlanta.com",
        "sip:alice@atlanta.com;lr|sip:alice@atlanta.com;lr=on",
        "sip:a%3Bb@atlanta.com|sip:a;b@atlanta.com",
        "sip:alice@atlanta.com?subject=a&subject=a|sip:alice@atlanta.com?subject=a",
        "sip:alice@atlanta.com?subject=a|sip:alice@atlanta.com?subject=A",
        "sip:alice@[::1]|sip:alice@[::2]",
    })
    void rfc3261_19_1_4_differentUris(String a, String b) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);
        assertNotEquals(x, y);
        assertNotEquals(y, x);
    }
}
