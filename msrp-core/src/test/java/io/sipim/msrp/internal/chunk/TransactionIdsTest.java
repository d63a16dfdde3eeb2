package io.sipim.msrp.internal.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {

    @Test
    void rfc4975_9_idsAreValidIdentsWithoutHyphensAndDoNotRepeat() {
        TransactionIds ids = new TransactionIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next();
            assertEquals(TransactionIds.LENGTH, id.length());
            assertTrue(id.matches("[a-z2-7]{12}"), id);
            Idents.check(id, "transaction id");
            assertTrue(seen.add(id), id);
        }
    }

    @Test
    void theKeyDecidesTheSequence() {
        assertEquals(new TransactionIds(7).next(), new TransactionIds(7).next());
        assertNotEquals(new TransactionIds(7).next(), new TransactionIds(8).next());
        assertNotEquals(new TransactionIds().next(), new TransactionIds().next());
    }
}
