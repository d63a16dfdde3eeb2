package io.sipim.msrp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SetupTest {

    @Test
    void parsesTheFourRolesOfRfc4145Section4() {
        assertEquals(Setup.ACTIVE, Setup.parse("active"));
        assertEquals(Setup.PASSIVE, Setup.parse("passive"));
        assertEquals(Setup.ACTPASS, Setup.parse("actpass"));
        assertEquals(Setup.HOLDCONN, Setup.parse("HoldConn"));
        assertEquals("actpass", Setup.ACTPASS.toString());
        assertEquals("setup", Setup.NAME);
    }

    @Test
    void rfc4145Section4_1AnswerRule() {
        assertEquals(Setup.PASSIVE, Setup.answerTo(Setup.ACTIVE));
        assertEquals(Setup.ACTIVE, Setup.answerTo(Setup.PASSIVE));
        assertEquals(Setup.ACTIVE, Setup.answerTo(Setup.ACTPASS));
        assertEquals(Setup.PASSIVE, Setup.answerTo(Setup.ACTPASS, Setup.PASSIVE));
        assertEquals(Setup.HOLDCONN, Setup.answerTo(Setup.HOLDCONN));
        assertThrows(IllegalArgumentException.class, () -> Setup.answerTo(Setup.ACTPASS, Setup.ACTPASS));
        assertFalse(Setup.ACTPASS.isAnswerTo(Setup.ACTPASS));
        assertFalse(Setup.ACTIVE.isAnswerTo(Setup.ACTIVE));
        assertTrue(Setup.PASSIVE.isAnswerTo(Setup.ACTPASS));
        assertTrue(Setup.HOLDCONN.isAnswerTo(Setup.ACTIVE));
        assertFalse(Setup.ACTIVE.isAnswerTo(Setup.HOLDCONN));
        assertFalse(Setup.offererConnects(Setup.ACTPASS, Setup.HOLDCONN));
    }

    @Test
    void rfc6135TheActiveEndpointConnects() {
        assertTrue(Setup.ACTIVE.opensConnection());
        assertFalse(Setup.PASSIVE.opensConnection());
        assertFalse(Setup.ACTPASS.opensConnection());
        assertFalse(Setup.offererConnects(Setup.ACTPASS, Setup.ACTIVE));
        assertTrue(Setup.offererConnects(Setup.ACTPASS, Setup.PASSIVE));
        assertTrue(Setup.offererConnects(Setup.ACTIVE, Setup.PASSIVE));
        assertThrows(IllegalArgumentException.class, () -> Setup.offererConnects(Setup.ACTIVE, Setup.ACTIVE));
    }

    @Test
    void rfc4975Section8_5WithoutSetupTheOffererConnects() {
        assertTrue(Setup.offererConnects(null, null));
        assertTrue(Setup.offererConnects(Setup.ACTPASS, null));
    }

    @Test
    void rejectsOtherRoles() {
        Checks.rejects(Setup::parse, "", 0);
        Checks.rejects(Setup::parse, "active ", 0);
        Checks.rejects(Setup::parse, "connect", 0);
    }

    @Property
    void everyAnswerIsAValidAnswer(@ForAll Setup offer, @ForAll boolean preferPassive) {
        Setup answer = Setup.answerTo(offer, preferPassive ? Setup.PASSIVE : Setup.ACTIVE);
        assertTrue(answer.isAnswerTo(offer));
        assertEquals(answer, Setup.parse(answer.toString()));
        if (offer != Setup.HOLDCONN) {
            // exactly one side opens the connection
            assertTrue(answer.opensConnection() ^ Setup.offererConnects(offer, answer));
        }
    }

    @Property(tries = 1000)
    void randomTextIsARoleOrRejected(@ForAll("noise") String s) {
        Checks.parsesOrRejects(Setup::parse, s);
    }

    @Provide
    Arbitrary<String> noise() {
        return Checks.mutations(net.jqwik.api.Arbitraries.of(Setup.class).map(Setup::toString), "aciptv");
    }
}
