package io.github.secdns.core.spi;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.internal.Problems;
import java.net.InetAddress;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The data of one provider preset: the one typed definition every preset consists of. A plugin
 * builds it with {@link #builder(String)} from the strings a provider's documentation gives, or
 * calls the canonical constructor with typed values; either way it is checked once, with the rules
 * the configuration model uses for the same values ({@code secdns-core}'s one validator), and every
 * problem is reported at once in a {@link ValidationException} naming the preset and each field
 * (such as {@code transferSources[1]}).
 *
 * <p>What a preset says:
 *
 * <ul>
 *   <li>its {@link #kind()}: a provider that can be a secondary, or a service that cannot pull
 *       zones at all ({@link #notASecondaryReason()}, no values);
 *   <li>the secondary name servers, fixed or supplied by the customer (with what to paste);
 *   <li>the transfer sources (for the ACL) and NOTIFY targets, each with its source, the day it was
 *       read and a {@link Confidence} ({@link Provenance}), and the days the provider uses it
 *       ({@link Validity}); and, when the provider gives (more of) them per customer, what to
 *       paste;
 *   <li>the {@link PresetCapabilities}, the documentation link, the day the values were last
 *       verified, a deprecation reason, and notes.
 * </ul>
 *
 * <p>The rules: the id is lower-case letters, digits and single hyphens, starts with a letter, at
 * most {@value #MAX_ID_LENGTH} characters; texts are not blank; name servers are valid, distinct
 * host names; transfer sources are distinct and never "every address"; NOTIFY targets are distinct
 * address and port pairs; links are absolute http(s) URLs; a service that is not a secondary has no
 * values at all, and a secondary has name servers (or a hint for them).
 *
 * @param id the stable identifier, such as {@code dnsmadeeasy}; configurations record it as their
 *     origin, so it never changes once published
 * @param displayName the name a customer recognises, such as {@code DNS Made Easy}
 * @param nameServers the secondary name servers to publish, or what the customer must paste
 * @param transferSources the addresses the provider pulls from, with their dates, in the provider's
 *     order; retired ones included (diagnostics use them to spot stale configurations)
 * @param transferSourcesHint present when the customer must paste (more) transfer sources, such as
 *     the addresses a provider shows per account: what to paste and where to find it
 * @param notifyTargets the addresses to send NOTIFY to, with their dates; not derived from the name
 *     servers or the transfer sources, providers often listen elsewhere
 * @param notifyTargetsHint present when the customer must find the NOTIFY targets elsewhere: what
 *     to paste and where to find it
 * @param capabilities what the provider can do, as far as its sources tell
 * @param documentation the provider's documentation for setting up secondary DNS
 * @param lastVerified the day the values were last checked against a source
 * @param deprecationReason why the preset should no longer be offered (the service is retired); a
 *     deprecated preset stays listed so that configurations naming it can still be shown
 * @param notASecondaryReason present exactly for a service that cannot act as a secondary: why
 * @param notes setup steps at the provider, timing advice, known disagreements between sources, in
 *     display order
 */
public record PresetDefinition(
    String id,
    String displayName,
    PresetNameServers nameServers,
    List<TransferSource> transferSources,
    Optional<String> transferSourcesHint,
    List<PresetNotifyTarget> notifyTargets,
    Optional<String> notifyTargetsHint,
    PresetCapabilities capabilities,
    Optional<URI> documentation,
    Optional<LocalDate> lastVerified,
    Optional<String> deprecationReason,
    Optional<String> notASecondaryReason,
    List<String> notes)
    implements ProviderPreset {

  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 63;

  /**
   * The longest display name, label, hint or reason accepted; the same limit the configuration puts
   * on ACL labels, which a preset's labels become.
   */
  public static final int MAX_TEXT_LENGTH = Problems.MAX_FREE_TEXT;

  /** The longest note accepted. */
  public static final int MAX_NOTE_LENGTH = 2000;

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private static final String NAME_SERVERS_REQUIRED =
      "at least one name server is required (or say that the customer supplies them)";

  /**
   * Checks every value, strips the texts and copies the lists.
   *
   * @throws ValidationException naming the preset and listing every problem with its field
   */
  public PresetDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(nameServers, "nameServers");
    transferSources = List.copyOf(transferSources);
    Objects.requireNonNull(transferSourcesHint, "transferSourcesHint");
    notifyTargets = List.copyOf(notifyTargets);
    Objects.requireNonNull(notifyTargetsHint, "notifyTargetsHint");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(documentation, "documentation");
    Objects.requireNonNull(lastVerified, "lastVerified");
    Objects.requireNonNull(deprecationReason, "deprecationReason");
    Objects.requireNonNull(notASecondaryReason, "notASecondaryReason");
    notes = List.copyOf(notes);
    Problems p = new Problems();
    check(
        p,
        new Draft(
            id,
            displayName,
            nameServers,
            nameServers.fixed(),
            transferSources,
            transferSourcesHint,
            notifyTargets,
            notifyTargetsHint,
            documentation,
            deprecationReason,
            notASecondaryReason,
            notes));
    p.throwIfAny(subject(id));
    displayName = displayName.strip();
    if (nameServers instanceof PresetNameServers.CustomerSupplied) {
      nameServers =
          new PresetNameServers.CustomerSupplied(
              ((PresetNameServers.CustomerSupplied) nameServers).hint().strip());
    }
    transferSourcesHint = transferSourcesHint.map(String::strip);
    notifyTargetsHint = notifyTargetsHint.map(String::strip);
    deprecationReason = deprecationReason.map(String::strip);
    notASecondaryReason = notASecondaryReason.map(String::strip);
    notes = notes.stream().map(String::strip).toList();
  }

  /**
   * Starts a definition.
   *
   * @param id the stable preset id, such as {@code dnsmadeeasy}
   * @return a builder; not thread-safe
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Returns this definition: a definition is a preset of its own, so it can be registered and
   * applied directly.
   *
   * @return {@code this}
   */
  @Override
  public PresetDefinition definition() {
    return this;
  }

  /**
   * Tells what the preset describes: a secondary, or a service that cannot be one.
   *
   * @return {@link PresetKind#NOT_A_SECONDARY} exactly when {@link #notASecondaryReason()} is
   *     present
   */
  @Override
  public PresetKind kind() {
    return notASecondaryReason.isPresent() ? PresetKind.NOT_A_SECONDARY : PresetKind.SECONDARY;
  }

  /**
   * Returns the transfer sources the provider uses on a day.
   *
   * @param day the day (UTC, see {@link Validity#today(java.time.Clock)})
   * @return the sources valid that day, in the preset's order
   */
  public List<TransferSource> transferSourcesOn(LocalDate day) {
    return transferSources.stream().filter(s -> s.validOn(day)).toList();
  }

  /**
   * Returns the NOTIFY targets the provider listens on on a day.
   *
   * @param day the day (UTC)
   * @return the targets valid that day, in the preset's order
   */
  public List<PresetNotifyTarget> notifyTargetsOn(LocalDate day) {
    return notifyTargets.stream().filter(t -> t.validOn(day)).toList();
  }

  /**
   * Returns every provenance the preset's values carry: the fixed name servers', the transfer
   * sources' and the NOTIFY targets'.
   *
   * @return the provenances, in that order, duplicates included
   */
  public List<Provenance> provenances() {
    Optional<Provenance> names =
        nameServers instanceof PresetNameServers.Fixed fixed
            ? fixed.provenance()
            : Optional.empty();
    return Stream.of(
            names.stream(),
            transferSources.stream().flatMap(s -> s.provenance().stream()),
            notifyTargets.stream().flatMap(t -> t.provenance().stream()))
        .flatMap(s -> s)
        .toList();
  }

  /** Describes the preset briefly: id, name, kind or deprecation, and its values. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ProviderPreset[").append(id).append(", ");
    sb.append(displayName);
    if (deprecated()) {
      sb.append(", deprecated");
    }
    if (kind() == PresetKind.NOT_A_SECONDARY) {
      return sb.append(", not a secondary]").toString();
    }
    return sb.append(", nameServers=")
        .append(
            nameServers.customerSupplied() ? "customer-supplied" : nameServers.fixed().toString())
        .append(", transferSources=")
        .append(transferSources)
        .append(transferSourcesHint.isPresent() ? " + customer-supplied" : "")
        .append(", notifyTargets=")
        .append(notifyTargets)
        .append(notifyTargetsHint.isPresent() ? " + customer-supplied" : "")
        .append("]")
        .toString();
  }

  private static String subject(@Nullable String id) {
    return id == null || id.isBlank()
        ? "a provider preset without id"
        : "provider preset '" + id + "'";
  }

  /**
   * The values to check. Lists may hold null where the builder could not parse a value, so that the
   * other values keep their indices in field paths.
   */
  private record Draft(
      String id,
      String displayName,
      PresetNameServers nameServers,
      List<Name> fixedNames,
      List<TransferSource> sources,
      Optional<String> sourcesHint,
      List<PresetNotifyTarget> targets,
      Optional<String> targetsHint,
      Optional<URI> documentation,
      Optional<String> deprecation,
      Optional<String> notASecondary,
      List<String> notes) {}

  /** The one rule set, shared by the canonical constructor and the builder. */
  private static void check(Problems p, Draft d) {
    checkId(p, d.id());
    p.text("displayName", d.displayName(), MAX_TEXT_LENGTH);
    if (d.notASecondary().isPresent()) {
      p.text("notASecondaryReason", d.notASecondary().get(), MAX_TEXT_LENGTH);
      String noValues = "a service that cannot act as a secondary has no ";
      if (!(d.nameServers() instanceof PresetNameServers.NotApplicable)) {
        p.add("nameServers", ProblemCode.CONFLICT, noValues + "name servers");
      }
      if (!d.sources().isEmpty() || d.sourcesHint().isPresent()) {
        p.add("transferSources", ProblemCode.CONFLICT, noValues + "transfer sources");
      }
      if (!d.targets().isEmpty() || d.targetsHint().isPresent()) {
        p.add("notifyTargets", ProblemCode.CONFLICT, noValues + "NOTIFY targets");
      }
    } else if (d.nameServers() instanceof PresetNameServers.NotApplicable) {
      p.add(
          "nameServers",
          ProblemCode.REQUIRED,
          "the name servers (or a hint for customer-supplied ones) are required");
    }
    if (d.nameServers() instanceof PresetNameServers.CustomerSupplied) {
      p.text(
          "nameServers.hint",
          ((PresetNameServers.CustomerSupplied) d.nameServers()).hint(),
          MAX_TEXT_LENGTH);
    } else if (d.nameServers() instanceof PresetNameServers.Fixed) {
      checkNames(p, d.fixedNames());
      ((PresetNameServers.Fixed) d.nameServers())
          .provenance()
          .ifPresent(source -> p.provenance("nameServers.provenance", source));
    }
    d.sourcesHint().ifPresent(h -> p.text("transferSourcesHint", h, MAX_TEXT_LENGTH));
    d.targetsHint().ifPresent(h -> p.text("notifyTargetsHint", h, MAX_TEXT_LENGTH));
    checkSources(p, d.sources());
    checkTargets(p, d.targets());
    d.documentation().ifPresent(uri -> p.url("documentation", uri));
    d.deprecation().ifPresent(r -> p.text("deprecationReason", r, MAX_TEXT_LENGTH));
    for (int i = 0; i < d.notes().size(); i++) {
      p.text("notes[" + i + "]", d.notes().get(i), MAX_NOTE_LENGTH);
    }
  }

  private static void checkId(Problems p, String id) {
    if (id.isBlank()) {
      p.add("id", ProblemCode.REQUIRED, "an id is required, such as 'dnsmadeeasy'");
    } else if (id.length() > MAX_ID_LENGTH) {
      p.add("id", ProblemCode.INVALID_ID, "the id is longer than " + MAX_ID_LENGTH + " characters");
    } else if (!ID.matcher(id).matches()) {
      String lower = id.strip().toLowerCase(Locale.ROOT);
      String hint = ID.matcher(lower).matches() ? "; did you mean '" + lower + "'?" : "";
      p.add(
          "id",
          ProblemCode.INVALID_ID,
          Problems.quote(id)
              + " is not a valid id: use lower-case letters, digits and single hyphens,"
              + " starting with a letter"
              + hint);
    }
  }

  /** Host name rules of the configuration model, then distinctness. */
  private static void checkNames(Problems p, List<Name> names) {
    if (names.isEmpty()) {
      p.add("nameServers", ProblemCode.REQUIRED, NAME_SERVERS_REQUIRED);
      return;
    }
    Map<Name, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Name n = names.get(i);
      String field = "nameServers[" + i + "]";
      if (n == null) {
        continue;
      }
      if (!n.isAbsolute()) {
        p.add(field, ProblemCode.INVALID_HOST_NAME, "'" + n + "' is not an absolute name");
        continue;
      }
      if (p.hostName(field, n.toString(true), "the name server").isEmpty()) {
        continue;
      }
      Integer first = seen.putIfAbsent(n, i);
      if (first != null) {
        p.add(
            field,
            ProblemCode.DUPLICATE_NAME_SERVER,
            "the name server "
                + n
                + " is listed twice (also at nameServers["
                + first
                + "]); names ignore letter case");
      }
    }
  }

  private static void checkSources(Problems p, List<TransferSource> sources) {
    Map<AddressPrefix, Integer> seen = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      TransferSource s = sources.get(i);
      if (s == null) {
        continue;
      }
      String field = "transferSources[" + i + "]";
      if (s.prefix().isEverything()) {
        p.add(
            field,
            ProblemCode.INVALID_PREFIX,
            s.prefix() + " allows every address; a preset names the provider's own");
      } else {
        Integer first = seen.putIfAbsent(s.prefix(), i);
        if (first != null) {
          p.add(
              field,
              ProblemCode.DUPLICATE_ACL_ENTRY,
              s.prefix() + " is listed twice (also at transferSources[" + first + "])");
        }
      }
      s.label().ifPresent(l -> p.text(field + ".label", l, MAX_TEXT_LENGTH));
      s.provenance().ifPresent(source -> p.provenance(field + ".provenance", source));
    }
  }

  private static void checkTargets(Problems p, List<PresetNotifyTarget> targets) {
    Map<List<Object>, Integer> seen = new HashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      PresetNotifyTarget t = targets.get(i);
      if (t == null) {
        continue;
      }
      String field = "notifyTargets[" + i + "]";
      Integer first = seen.putIfAbsent(List.of(t.address(), t.port()), i);
      if (first != null) {
        p.add(
            field,
            ProblemCode.DUPLICATE_NOTIFY_TARGET,
            AddressPrefix.of(t.address())
                + " port "
                + t.port()
                + " is listed twice (also at notifyTargets["
                + first
                + "])");
      }
      t.label().ifPresent(l -> p.text(field + ".label", l, MAX_TEXT_LENGTH));
      t.provenance().ifPresent(source -> p.provenance(field + ".provenance", source));
    }
  }

  /**
   * The details of one transfer source or NOTIFY target, given to the builder with a lambda:
   *
   * <pre>{@code
   * .transferSource("198.41.144.240/28", v -> v.validUntil(LocalDate.of(2026, 12, 1)).source(docs))
   * }</pre>
   *
   * <p>Not thread-safe; only valid inside the lambda.
   */
  public static final class ValueDetails {
    @Nullable private String label;
    @Nullable private Provenance source;
    @Nullable private LocalDate validFrom;
    @Nullable private LocalDate validUntil;

    private ValueDetails() {}

    /**
     * Sets what the address is, for display (such as the host name the provider gives it).
     *
     * @param label the label
     * @return these details
     */
    public ValueDetails label(String label) {
      this.label = Objects.requireNonNull(label, "label");
      return this;
    }

    /**
     * Sets where the value was read, instead of the preset's {@link Builder#source(Provenance)}.
     *
     * @param source the source, day and confidence
     * @return these details
     */
    public ValueDetails source(Provenance source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the first day the provider uses the address.
     *
     * @param day the day (UTC)
     * @return these details
     */
    public ValueDetails validFrom(LocalDate day) {
      this.validFrom = Objects.requireNonNull(day, "day");
      return this;
    }

    /**
     * Sets the first day the provider no longer uses the address (the day it is retired).
     *
     * @param day the day (UTC)
     * @return these details
     */
    public ValueDetails validUntil(LocalDate day) {
      this.validUntil = Objects.requireNonNull(day, "day");
      return this;
    }
  }

  /** An address as given to the builder: typed details, parsed at {@link Builder#build()}. */
  private record RawValue(String text, int port, ValueDetails details) {}

  /**
   * Collects the values of a definition as strings, the way a provider's documentation gives them.
   * Nothing is checked until {@link #build()}, which reports every problem at once.
   *
   * <p>Not thread-safe; use one builder per definition.
   */
  public static final class Builder {
    private final String id;
    private String displayName = "";
    private final List<String> nameServers = new ArrayList<>();
    private boolean fixedNameServersGiven;
    @Nullable private Provenance nameServersSource;
    @Nullable private String nameServerHint;
    private final List<RawValue> transferSources = new ArrayList<>();
    @Nullable private String transferSourcesHint;
    private final List<RawValue> notifyTargets = new ArrayList<>();
    @Nullable private String notifyTargetsHint;
    @Nullable private Provenance source;
    private PresetCapabilities capabilities = PresetCapabilities.unknown();
    @Nullable private String documentation;
    @Nullable private LocalDate lastVerified;
    @Nullable private String deprecationReason;
    @Nullable private String notASecondaryReason;
    private final List<String> notes = new ArrayList<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the display name.
     *
     * @param name the name customers recognise
     * @return this builder
     */
    public Builder displayName(String name) {
      this.displayName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets where the preset's values were read, for every value that does not name its own source
     * ({@link ValueDetails#source}, {@link #nameServersSource}).
     *
     * @param source the source, the day it was read and its confidence
     * @return this builder
     */
    public Builder source(Provenance source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Adds fixed name servers that every customer of the provider publishes.
     *
     * @param hostNames host names, with or without the trailing dot
     * @return this builder
     */
    public Builder nameServers(String... hostNames) {
      fixedNameServersGiven = true;
      for (String n : hostNames) {
        nameServers.add(Objects.requireNonNull(n, "hostName"));
      }
      return this;
    }

    /**
     * Sets where the fixed name servers were read, when not from the preset's {@link
     * #source(Provenance)}.
     *
     * @param source the source, the day it was read and its confidence
     * @return this builder
     */
    public Builder nameServersSource(Provenance source) {
      this.nameServersSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Says that the provider assigns the name servers per account or zone and the customer types
     * them in.
     *
     * @param hint what the names look like and where to find them
     * @return this builder
     */
    public Builder customerSuppliedNameServers(String hint) {
      this.nameServerHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    /**
     * Adds an address or CIDR network from which the provider pulls the zone.
     *
     * @param addressOrPrefix an IPv4 or IPv6 literal or CIDR prefix
     * @return this builder
     */
    public Builder transferSource(String addressOrPrefix) {
      return transferSource(addressOrPrefix, v -> {});
    }

    /**
     * Adds an address or CIDR network from which the provider pulls the zone, with a label.
     *
     * @param addressOrPrefix an IPv4 or IPv6 literal or CIDR prefix
     * @param label what the address is, such as the host name the provider gives it
     * @return this builder
     */
    public Builder transferSource(String addressOrPrefix, String label) {
      Objects.requireNonNull(label, "label");
      return transferSource(addressOrPrefix, v -> v.label(label));
    }

    /**
     * Adds an address or CIDR network from which the provider pulls the zone, with details: label,
     * source, the days it is used.
     *
     * @param addressOrPrefix an IPv4 or IPv6 literal or CIDR prefix
     * @param details sets the details
     * @return this builder
     */
    public Builder transferSource(String addressOrPrefix, Consumer<ValueDetails> details) {
      transferSources.add(new RawValue(Objects.requireNonNull(addressOrPrefix), 0, of(details)));
      return this;
    }

    /**
     * Says that the provider gives (more) transfer sources per customer, which the customer pastes.
     *
     * @param hint what to paste and where to find it
     * @return this builder
     */
    public Builder customerSuppliedTransferSources(String hint) {
      this.transferSourcesHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    /**
     * Adds a NOTIFY target on port 53.
     *
     * @param address an IPv4 or IPv6 literal
     * @return this builder
     */
    public Builder notifyTarget(String address) {
      return notifyTarget(address, PresetNotifyTarget.DNS_PORT, v -> {});
    }

    /**
     * Adds a NOTIFY target on port 53 with a label.
     *
     * @param address an IPv4 or IPv6 literal
     * @param label what the address is
     * @return this builder
     */
    public Builder notifyTarget(String address, String label) {
      return notifyTarget(address, PresetNotifyTarget.DNS_PORT, label);
    }

    /**
     * Adds a NOTIFY target on another port, with a label.
     *
     * @param address an IPv4 or IPv6 literal
     * @param port the UDP port, 1 to 65535
     * @param label what the address is
     * @return this builder
     */
    public Builder notifyTarget(String address, int port, String label) {
      Objects.requireNonNull(label, "label");
      return notifyTarget(address, port, v -> v.label(label));
    }

    /**
     * Adds a NOTIFY target on port 53 with details: label, source, the days it is used.
     *
     * @param address an IPv4 or IPv6 literal
     * @param details sets the details
     * @return this builder
     */
    public Builder notifyTarget(String address, Consumer<ValueDetails> details) {
      return notifyTarget(address, PresetNotifyTarget.DNS_PORT, details);
    }

    /**
     * Adds a NOTIFY target on another port, with details.
     *
     * @param address an IPv4 or IPv6 literal
     * @param port the UDP port, 1 to 65535
     * @param details sets the details
     * @return this builder
     */
    public Builder notifyTarget(String address, int port, Consumer<ValueDetails> details) {
      notifyTargets.add(new RawValue(Objects.requireNonNull(address), port, of(details)));
      return this;
    }

    /**
     * Says that the customer must find the NOTIFY targets elsewhere (the provider does not publish
     * them, or gives them per account).
     *
     * @param hint what to paste and where to find it
     * @return this builder
     */
    public Builder customerSuppliedNotifyTargets(String hint) {
      this.notifyTargetsHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    private static ValueDetails of(Consumer<ValueDetails> details) {
      ValueDetails v = new ValueDetails();
      details.accept(v);
      return v;
    }

    /**
     * Sets the capabilities; unknown by default.
     *
     * @param capabilities what the provider can do
     * @return this builder
     */
    public Builder capabilities(PresetCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
      return this;
    }

    /**
     * Sets the documentation link.
     *
     * @param url an absolute http or https URL
     * @return this builder
     */
    public Builder documentation(String url) {
      this.documentation = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the day the values were last checked against a source.
     *
     * @param date the date
     * @return this builder
     */
    public Builder lastVerified(LocalDate date) {
      this.lastVerified = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Marks the preset deprecated.
     *
     * @param reason why it should no longer be offered
     * @return this builder
     */
    public Builder deprecated(String reason) {
      this.deprecationReason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /**
     * Says that the service cannot act as a secondary: the preset then has no values.
     *
     * @param reason why, in words a customer understands
     * @return this builder
     */
    public Builder notASecondary(String reason) {
      this.notASecondaryReason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /**
     * Adds a note.
     *
     * @param note a note for the customer or the host
     * @return this builder
     */
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * Checks every value and builds the definition.
     *
     * @return the definition
     * @throws ValidationException naming the preset and listing every problem with its field
     */
    public PresetDefinition build() {
      Problems p = new Problems();
      List<Name> names = new ArrayList<>();
      PresetNameServers ns;
      if (fixedNameServersGiven && nameServerHint != null) {
        p.add(
            "nameServers",
            ProblemCode.CONFLICT,
            "give either fixed name servers or a hint for customer-supplied ones, not both");
        ns = new PresetNameServers.CustomerSupplied(nameServerHint);
      } else if (nameServerHint != null) {
        ns = new PresetNameServers.CustomerSupplied(nameServerHint);
      } else if (fixedNameServersGiven) {
        for (int i = 0; i < nameServers.size(); i++) {
          names.add(
              p.hostName("nameServers[" + i + "]", nameServers.get(i), "the name server")
                  .orElse(null));
        }
        ns =
            new PresetNameServers.Fixed(
                names.stream().filter(Objects::nonNull).toList(),
                Optional.ofNullable(nameServersSource != null ? nameServersSource : source));
      } else {
        ns = PresetNameServers.notApplicable();
      }
      List<TransferSource> sources = new ArrayList<>();
      for (int i = 0; i < transferSources.size(); i++) {
        RawValue raw = transferSources.get(i);
        String field = "transferSources[" + i + "]";
        Optional<AddressPrefix> prefix = p.prefix(field, raw.text());
        Optional<Validity> validity = validity(p, field, raw.details());
        sources.add(
            prefix.isPresent() && validity.isPresent()
                ? new TransferSource(
                    prefix.get(), label(raw.details()), provenance(raw.details()), validity.get())
                : null);
      }
      List<PresetNotifyTarget> targets = new ArrayList<>();
      for (int i = 0; i < notifyTargets.size(); i++) {
        RawValue raw = notifyTargets.get(i);
        String field = "notifyTargets[" + i + "]";
        Optional<InetAddress> address = p.address(field + ".address", raw.text(), "the address");
        boolean portOk = p.port(field + ".port", raw.port());
        Optional<Validity> validity = validity(p, field, raw.details());
        targets.add(
            address.isPresent() && portOk && validity.isPresent()
                ? new PresetNotifyTarget(
                    address.get(),
                    raw.port(),
                    label(raw.details()),
                    provenance(raw.details()),
                    validity.get())
                : null);
      }
      Optional<URI> uri =
          documentation == null ? Optional.empty() : p.url("documentation", documentation);
      Draft draft =
          new Draft(
              id,
              displayName,
              ns,
              names,
              sources,
              Optional.ofNullable(transferSourcesHint),
              targets,
              Optional.ofNullable(notifyTargetsHint),
              uri,
              Optional.ofNullable(deprecationReason),
              Optional.ofNullable(notASecondaryReason),
              notes);
      check(p, draft);
      p.throwIfAny(subject(id));
      return new PresetDefinition(
          id,
          displayName,
          ns,
          sources,
          draft.sourcesHint(),
          targets,
          draft.targetsHint(),
          capabilities,
          uri,
          Optional.ofNullable(lastVerified),
          draft.deprecation(),
          draft.notASecondary(),
          notes);
    }

    private Optional<Provenance> provenance(ValueDetails details) {
      return Optional.ofNullable(details.source != null ? details.source : source);
    }

    private static Optional<String> label(ValueDetails details) {
      return Optional.ofNullable(details.label).map(String::strip);
    }

    private static Optional<Validity> validity(Problems p, String field, ValueDetails details) {
      if (details.validFrom != null
          && details.validUntil != null
          && !details.validFrom.isBefore(details.validUntil)) {
        p.add(
            field + ".validity",
            ProblemCode.CONFLICT,
            Validity.orderProblem(details.validFrom, details.validUntil));
        return Optional.empty();
      }
      return Optional.of(
          new Validity(
              Optional.ofNullable(details.validFrom), Optional.ofNullable(details.validUntil)));
    }
  }
}
