package io.github.secdns.axfr.internal;

import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.TSIGRecord;

/** What {@link QueryParser} made of the octets of one incoming message. */
public sealed interface ParsedMessage {

  /**
   * Not answered at all: a response (QR set) or fewer octets than needed to read the flags.
   *
   * @param reason why, for debug logs
   */
  record Ignored(String reason) implements ParsedMessage {}

  /**
   * Answered with FORMERR.
   *
   * @param id the query ID
   * @param opcode the opcode
   * @param recursionDesired the RD bit
   * @param question the question octets, when exactly one question could be read
   * @param opt the OPT record, when the message could be parsed and had one
   * @param reason what is wrong
   */
  record Malformed(
      int id,
      int opcode,
      boolean recursionDesired,
      Optional<byte[]> question,
      Optional<OPTRecord> opt,
      String reason)
      implements ParsedMessage {}

  /**
   * A well-formed message with another opcode than QUERY.
   *
   * @param id the query ID
   * @param opcode the opcode
   * @param recursionDesired the RD bit
   * @param question the question octets, when there is exactly one question
   * @param qname the question name, when there is exactly one question
   * @param opt the OPT record, if any
   * @param message the parsed message
   * @param wire the message octets as received (a TSIG's MAC covers them)
   */
  // Wire octets handed on as they are; never compared or hashed (no value semantics needed).
  @SuppressWarnings("ArrayRecordComponent")
  record OtherOpcode(
      int id,
      int opcode,
      boolean recursionDesired,
      Optional<byte[]> question,
      Optional<Name> qname,
      Optional<OPTRecord> opt,
      Message message,
      byte[] wire)
      implements ParsedMessage {}

  /**
   * A well-formed standard query with exactly one question.
   *
   * @param id the query ID
   * @param recursionDesired the RD bit
   * @param question the question section octets exactly as the client sent them
   * @param qname the question name (letter case as sent)
   * @param qtype the question type
   * @param qclass the question class
   * @param answerCount ANCOUNT of the query
   * @param authorityCount NSCOUNT of the query
   * @param opt the OPT record, if any
   * @param tsig the TSIG record, if any (parsed, not verified)
   * @param message the parsed message
   * @param wire the message octets as received
   */
  // Wire octets handed on as they are; never compared or hashed (no value semantics needed).
  @SuppressWarnings("ArrayRecordComponent")
  record Query(
      int id,
      boolean recursionDesired,
      byte[] question,
      Name qname,
      int qtype,
      int qclass,
      int answerCount,
      int authorityCount,
      Optional<OPTRecord> opt,
      Optional<TSIGRecord> tsig,
      Message message,
      byte[] wire)
      implements ParsedMessage {}
}
