package io.github.secdns.axfr.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns the octets of one incoming message into a {@link ParsedMessage}. Pure; never throws for any
 * input.
 */
public final class QueryParser {

  private QueryParser() {}

  /**
   * Parses one message.
   *
   * @param wire the message octets (without any TCP length prefix)
   * @return what the message is
   */
  public static ParsedMessage parse(byte[] wire) {
    if (wire.length < 3) {
      return new ParsedMessage.Ignored("message of " + wire.length + " octets has no flags");
    }
    int id = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
    int flags = (wire[2] & 0xFF) << 8 | (wire.length > 3 ? wire[3] & 0xFF : 0);
    if ((flags & 0x8000) != 0) {
      return new ParsedMessage.Ignored("message is a response (QR set)");
    }
    int opcode = (flags >> 11) & 0xF;
    boolean rd = (flags & 0x0100) != 0;
    if (wire.length < WireSizes.HEADER) {
      return new ParsedMessage.Malformed(
          id,
          opcode,
          rd,
          Optional.empty(),
          Optional.empty(),
          "message of " + wire.length + " octets is shorter than a DNS header");
    }
    int qdcount = u16(wire, 4);
    Optional<byte[]> question = qdcount == 1 ? rawQuestion(wire) : Optional.empty();
    Message message;
    try {
      message = new Message(wire);
    } catch (IOException | RuntimeException e) {
      return new ParsedMessage.Malformed(
          id,
          opcode,
          rd,
          Optional.empty(),
          Optional.empty(),
          "unparsable message: " + e.getMessage());
    }
    int optCount = 0;
    for (Record r : message.getSection(Section.ADDITIONAL)) {
      if (r.getType() == Type.OPT) {
        optCount++;
      }
    }
    if (optCount > 1) {
      return new ParsedMessage.Malformed(
          id, opcode, rd, question, Optional.empty(), "more than one OPT record");
    }
    Optional<OPTRecord> opt = Optional.ofNullable(message.getOPT());
    if (opcode != Opcode.QUERY) {
      return new ParsedMessage.OtherOpcode(
          id,
          opcode,
          rd,
          question,
          question.isPresent() ? Optional.of(message.getQuestion().getName()) : Optional.empty(),
          opt,
          message,
          wire);
    }
    if (qdcount != 1) {
      return new ParsedMessage.Malformed(
          id,
          opcode,
          rd,
          Optional.empty(),
          opt,
          "a query must have exactly one question, this one has " + qdcount);
    }
    if (question.isEmpty()) {
      return new ParsedMessage.Malformed(
          id, opcode, rd, Optional.empty(), opt, "the question name is compressed");
    }
    Record q = message.getQuestion();
    return new ParsedMessage.Query(
        id,
        rd,
        question.get(),
        q.getName(),
        q.getType(),
        q.getDClass(),
        u16(wire, 6),
        u16(wire, 8),
        opt,
        Optional.ofNullable(message.getTSIG()),
        message,
        wire);
  }

  /** The question section octets, when its name is written out without compression. */
  private static Optional<byte[]> rawQuestion(byte[] wire) {
    int p = WireSizes.HEADER;
    while (p < wire.length) {
      int b = wire[p] & 0xFF;
      if (b == 0) {
        int end = p + 1 + 4;
        if (end > wire.length) {
          return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(wire, WireSizes.HEADER, end));
      }
      if ((b & 0xC0) != 0) {
        return Optional.empty();
      }
      p += b + 1;
    }
    return Optional.empty();
  }

  private static int u16(byte[] wire, int offset) {
    return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
  }
}
