package io.sipim.msrp.sdp;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every attribute parser over noise and mutated valid values: a value that re-parses, or MsrpParseException. */
class AllParsersPropertyTest {
    static final List<Function<String, ?>> PARSERS = List.of(Path::parse, AcceptTypes::parse, MaxSize::parse,
            Setup::parse, Fingerprint::parse, FileSelector::parse, FileTransferId::parse, FileDisposition::parse,
            FileDate::parse, FileIcon::parse, FileRange::parse);
    static final List<String> SEEDS = List.of("msrps://[2001:db8::1]:9/a;tcp msrp://u@h:1/x;tcp;p=q",
            "message/cpim text/* *", "123", "actpass", "sha-256 0A:FF:10", FileSelectorTest.RFC5547_EXAMPLE
            + " type:text/plain;a=\"b%20c\"", "abc", "render",
            "creation:\"Mon, 10 Mar 2008 10:20:30 +0100\" read:\"1 Jan 2020 00:00 GMT\"", "cid:a%20b@c", "1-*");

    @Property(tries = 3000)
    void everyParserGivesAValueOrAParseException(@ForAll("inputs") String s) {
        for (Function<String, ?> p : PARSERS) {
            Checks.parsesOrRejects(p, s);
        }
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.oneOf(Checks.noise("\"%: -/;*@[]0123456789AFaf,+"),
                Checks.mutations(Arbitraries.of(SEEDS), "\"%: -/;*@[]09AF,+\u00e9\u0000"),
                Checks.mutations(Checks.mutations(Arbitraries.of(SEEDS), "\"%: -/;*"), "\"%: -/;*@[]"));
    }
}
