package io.github.secdns.axfr.internal;

import io.github.secdns.core.serial.SerialNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A well-formed IXFR query (RFC 1995 section 3): one question ⟨zone, class, IXFR⟩ and, in the
 * authority section, the client's SOA for that zone, whose serial is the version the client holds.
 *
 * @param question the question exactly as the client sent it (its letter case is echoed back)
 * @param clientSoa the client's SOA
 */
public record IxfrRequest(Record question, SOARecord clientSoa) {

  /** Checks for nulls. */
  public IxfrRequest {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(clientSoa, "clientSoa");
  }

  /**
   * Returns the zone asked for.
   *
   * @return the question name
   */
  public Name zone() {
    return question.getName();
  }

  /**
   * Returns the serial the client holds.
   *
   * @return the client SOA's serial
   */
  public SerialNumber clientSerial() {
    return SerialNumber.of(clientSoa.getSerial());
  }

  /**
   * Validates an IXFR query. Malformed means FORMERR (checklist items 19 and 23): not exactly one
   * question, an opcode other than QUERY, no SOA or several SOAs in the authority section, or an
   * SOA whose owner is not the zone asked for. Other authority records are ignored, as BIND does.
   *
   * @param query a parsed query whose question type is IXFR
   * @return the request, or why it is malformed
   */
  public static Parsed parse(Message query) {
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return new Parsed.Malformed(
          "opcode " + Opcode.string(query.getHeader().getOpcode()) + " is not QUERY");
    }
    int qdcount = query.getHeader().getCount(Section.QUESTION);
    if (qdcount != 1) {
      return new Parsed.Malformed(
          "an IXFR query has exactly one question, this one has " + qdcount);
    }
    Record question = query.getQuestion();
    if (question.getType() != Type.IXFR) {
      return new Parsed.Malformed(
          "the question type is " + Type.string(question.getType()) + ", not IXFR");
    }
    List<SOARecord> soas = new ArrayList<>();
    for (Record r : query.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soaRecord) {
        soas.add(soaRecord);
      }
    }
    if (soas.size() != 1) {
      return new Parsed.Malformed(
          soas.isEmpty()
              ? "an IXFR query carries the client's SOA in the authority section; there is none"
              : "an IXFR query carries one SOA in the authority section; there are " + soas.size());
    }
    SOARecord soa = soas.get(0);
    if (!soa.getName().equals(question.getName())) {
      return new Parsed.Malformed(
          "the authority SOA is for "
              + soa.getName()
              + ", not for the zone asked for, "
              + question.getName());
    }
    if (soa.getDClass() != question.getDClass()) {
      return new Parsed.Malformed("the authority SOA has another class than the question");
    }
    return new Parsed.Valid(new IxfrRequest(question, soa));
  }

  /** The outcome of {@link #parse}: a valid request, or FORMERR with the reason. */
  public sealed interface Parsed permits Parsed.Valid, Parsed.Malformed {

    /**
     * A well-formed IXFR query.
     *
     * @param request the request
     */
    record Valid(IxfrRequest request) implements Parsed {
      /** Checks for null. */
      public Valid {
        Objects.requireNonNull(request, "request");
      }
    }

    /**
     * A malformed IXFR query: answer FORMERR, with the question copied.
     *
     * @param reason what is wrong, for the log and the refusal event
     */
    record Malformed(String reason) implements Parsed {
      /** Checks for null. */
      public Malformed {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
