package io.github.secdns.axfr.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Finds the NS set a zone's parent delegates it to, by iterative resolution from root hints (RFC
 * 1034 section 5.3.3, without a cache): ask the closest known servers non-recursively for the
 * zone's NS, follow referrals down, use glue the referring zone is authoritative for, and resolve
 * the addresses of name servers without glue by the same walk from the roots. The referral that
 * names the zone itself is the delegation.
 *
 * <p>Bounded: at most {@value #MAX_REFERRALS} referrals per resolution, {@value #MAX_DEPTH} nested
 * resolutions of glueless name servers, {@value #MAX_QUERIES} queries per walk, and the prober's
 * deadline. Every query goes to a root hint or to an address learned from the walk, on the port
 * given for learned addresses; no system resolver is involved. Not thread-safe: one instance per
 * walk.
 */
final class DelegationWalker {

  private static final Logger LOG = LoggerFactory.getLogger(DelegationWalker.class);

  static final int MAX_REFERRALS = 16;
  static final int MAX_DEPTH = 3;
  static final int MAX_QUERIES = 64;

  private final List<InetSocketAddress> roots;
  private final int port;
  private final Duration queryTimeout;
  private final long deadline;
  private final Set<Name> resolving = new HashSet<>();
  private int queries;

  /** A name server of a zone cut: its name (root hints have none) and its known addresses. */
  private record Server(Optional<Name> name, List<InetSocketAddress> addresses) {}

  /** What one resolution ended with. */
  private record Outcome(Kind kind, Message answer, Set<Name> delegation) {
    enum Kind {
      ANSWER,
      DELEGATION,
      NO_SUCH_NAME,
      NO_DATA,
      FAILED
    }

    static Outcome of(Kind kind) {
      return new Outcome(kind, new Message(), Set.of());
    }
  }

  DelegationWalker(List<InetSocketAddress> roots, int port, Duration queryTimeout, long deadline) {
    this.roots = List.copyOf(roots);
    this.port = port;
    this.queryTimeout = queryTimeout;
    this.deadline = deadline;
  }

  /**
   * Walks to the zone's delegation.
   *
   * @return the NS names the parent lists (empty set: the parent says the zone does not exist or is
   *     not delegated), or empty when no server on the way answered usefully within the bounds
   */
  Optional<Set<Name>> delegation(Name zone) {
    Outcome o = resolve(zone, Type.NS, 0);
    return switch (o.kind()) {
      case DELEGATION -> Optional.of(o.delegation());
      case ANSWER ->
          // A server of the parent is authoritative for the zone too: its NS set is the answer.
          Optional.of(Prober.nsNames(zone, o.answer(), Section.ANSWER));
      case NO_SUCH_NAME, NO_DATA -> Optional.of(Set.of());
      default -> Optional.empty();
    };
  }

  private Outcome resolve(Name qname, int qtype, int depth) {
    Name cut = Name.root;
    List<Server> servers = List.of(new Server(Optional.empty(), roots));
    for (int step = 0; step < MAX_REFERRALS; step++) {
      Name next = null;
      List<Server> nextServers = null;
      servers:
      for (Server s : servers) {
        for (InetSocketAddress address : addresses(s, depth)) {
          if (queries >= MAX_QUERIES) {
            LOG.debug(
                "the walk to {} {} stopped after {} queries", qname, Type.string(qtype), queries);
            return Outcome.of(Outcome.Kind.FAILED);
          }
          queries++;
          Optional<Message> answer =
              DnsExchange.tryAsk(
                  address, DnsExchange.query(qname, qtype, false), deadline, queryTimeout);
          if (answer.isEmpty()) {
            continue; // lame or unreachable: the next server of the same cut
          }
          Message m = answer.get();
          boolean aa = m.getHeader().getFlag(Flags.AA);
          if (aa && m.getRcode() == Rcode.NXDOMAIN) {
            return Outcome.of(Outcome.Kind.NO_SUCH_NAME);
          }
          if (m.getRcode() != Rcode.NOERROR) {
            continue;
          }
          if (aa) {
            boolean answered =
                m.getSection(Section.ANSWER).stream()
                    .anyMatch(r -> r.getType() == qtype && r.getName().equals(qname));
            return answered
                ? new Outcome(Outcome.Kind.ANSWER, m, Set.of())
                : Outcome.of(Outcome.Kind.NO_DATA);
          }
          Optional<Name> child = referral(m, qname, cut);
          if (child.isEmpty()) {
            continue; // neither an answer nor a referral closer to the name: lame
          }
          Set<Name> nsNames = Prober.nsNames(child.get(), m, Section.AUTHORITY);
          if (qtype == Type.NS && child.get().equals(qname)) {
            return new Outcome(Outcome.Kind.DELEGATION, m, nsNames);
          }
          next = child.get();
          nextServers = servers(nsNames, m, cut);
          break servers;
        }
      }
      if (next == null || nextServers == null) {
        LOG.debug("every server of {} was lame for {} {}", cut, qname, Type.string(qtype));
        return Outcome.of(Outcome.Kind.FAILED);
      }
      cut = next;
      servers = nextServers;
    }
    return Outcome.of(Outcome.Kind.FAILED);
  }

  /** The zone cut a referral points to, when it is strictly between the current cut and qname. */
  private static Optional<Name> referral(Message m, Name qname, Name cut) {
    for (Record r : m.getSection(Section.AUTHORITY)) {
      Name owner = r.getName();
      if (r instanceof NSRecord
          && qname.subdomain(owner)
          && owner.subdomain(cut)
          && !owner.equals(cut)) {
        return Optional.of(owner);
      }
    }
    return Optional.empty();
  }

  /**
   * The next cut's servers: first those with glue the referring zone is authoritative for (in
   * bailiwick of {@code referringZone}), then those without, resolved only when needed.
   */
  private List<Server> servers(Set<Name> nsNames, Message referral, Name referringZone) {
    Map<Name, List<InetSocketAddress>> glue = new LinkedHashMap<>();
    for (Record r : referral.getSection(Section.ADDITIONAL)) {
      Name owner = r.getName();
      if (!nsNames.contains(owner) || !owner.subdomain(referringZone)) {
        continue;
      }
      Optional<InetAddress> a = address(r);
      a.ifPresent(
          x ->
              glue.computeIfAbsent(owner, k -> new ArrayList<>())
                  .add(new InetSocketAddress(x, port)));
    }
    List<Server> withGlue = new ArrayList<>();
    List<Server> without = new ArrayList<>();
    for (Name ns : nsNames) {
      List<InetSocketAddress> known = glue.get(ns);
      if (known != null) {
        withGlue.add(new Server(Optional.of(ns), known));
      } else {
        without.add(new Server(Optional.of(ns), List.of()));
      }
    }
    withGlue.addAll(without);
    return withGlue;
  }

  /** A server's addresses: its glue, else its name resolved by a walk from the roots. */
  private List<InetSocketAddress> addresses(Server s, int depth) {
    if (!s.addresses().isEmpty() || s.name().isEmpty()) {
      return s.addresses();
    }
    Name name = s.name().get();
    if (depth >= MAX_DEPTH || !resolving.add(name)) {
      return List.of(); // too deep, or already being resolved further up (a loop)
    }
    try {
      List<InetSocketAddress> found = new ArrayList<>();
      for (int type : new int[] {Type.A, Type.AAAA}) {
        Outcome o = resolve(name, type, depth + 1);
        if (o.kind() == Outcome.Kind.ANSWER) {
          for (Record r : o.answer().getSection(Section.ANSWER)) {
            if (r.getName().equals(name)) {
              address(r).ifPresent(a -> found.add(new InetSocketAddress(a, port)));
            }
          }
        }
        if (!found.isEmpty()) {
          break; // IPv4 is enough to go on; AAAA only when there is no A
        }
      }
      return found;
    } finally {
      resolving.remove(name);
    }
  }

  private static Optional<InetAddress> address(Record r) {
    if (r instanceof ARecord aRecord) {
      return Optional.of(aRecord.getAddress());
    }
    if (r instanceof AAAARecord aaaaRecord) {
      return Optional.of(aaaaRecord.getAddress());
    }
    return Optional.empty();
  }
}
