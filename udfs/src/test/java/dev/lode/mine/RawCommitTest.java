package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawCommitTest {
  private static byte[] bytes(String s, java.nio.charset.Charset cs) {
    return s.getBytes(cs);
  }

  @Test
  void headersIdentitiesAndZonesAreRead() {
    String raw = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
        + "parent 1111111111111111111111111111111111111111\n"
        + "parent 2222222222222222222222222222222222222222\n"
        + "author Ada Lovelace <ada@example.com> 1700000000 +0530\n"
        + "committer Bob <bob@example.com> 1700000100 -0800\n"
        + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----\n"
        + "\n"
        + "Fix the parser\nfor real\n\nBody line.\n";
    RawCommit c = RawCommit.parse(raw.getBytes(StandardCharsets.UTF_8));
    assertEquals("4b825dc642cb6eb9a060e54bf8d69288fbee4904", c.tree());
    assertEquals(List.of("1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"),
        c.parents());
    assertEquals(new RawCommit.Ident("Ada Lovelace", "ada@example.com", 1700000000L, 330), c.author());
    assertEquals(new RawCommit.Ident("Bob", "bob@example.com", 1700000100L, -480), c.committer());
    assertEquals("Fix the parser\nfor real\n\nBody line.", c.strippedMessage());
    assertEquals("Fix the parser for real", c.subject(), "git's %s joins the first paragraph");
  }

  @Test
  void theEncodingHeaderIsHonouredAndInvalidBytesAreReplaced() {
    byte[] latin1 = bytes("tree t\nauthor Ren\u00e9 <r@x> 1 +0000\ncommitter Ren\u00e9 <r@x> 1 +0000\n"
        + "encoding ISO-8859-1\n\nCaf\u00e9\n", StandardCharsets.ISO_8859_1);
    RawCommit c = RawCommit.parse(latin1);
    assertEquals("Caf\u00e9", c.strippedMessage());
    assertEquals("Ren\u00e9", c.author().name());

    byte[] invalid = bytes("tree t\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nBad \u00ff byte\n",
        StandardCharsets.ISO_8859_1);
    assertEquals("Bad \ufffd byte", RawCommit.parse(invalid).strippedMessage());

    byte[] unknown = bytes("tree t\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\nencoding no-such-cs\n\nok\n",
        StandardCharsets.UTF_8);
    assertEquals("ok", RawCommit.parse(unknown).strippedMessage(), "an unknown charset falls back to UTF-8");
  }

  @Test
  void malformedIdentitiesAndDatesDoNotFailTheCommit() {
    byte[] raw = bytes("tree t\nauthor nobody\ncommitter X <x@y> notadate +99\n\n", StandardCharsets.UTF_8);
    RawCommit c = RawCommit.parse(raw);
    assertEquals("nobody", c.author().name());
    assertNull(c.author().email());
    assertEquals(0, c.committer().epochSeconds());
    assertEquals(0, c.committer().tzOffsetMinutes());
    assertEquals("", c.subject());
  }
}
