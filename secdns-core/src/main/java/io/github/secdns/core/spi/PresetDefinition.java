package io.github.secdns.core.spi;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.internal.IpLiterals;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The checked, immutable data of one provider preset. Build one with {@link #builder(String)} from
 * the strings a provider's documentation gives; {@link Builder#build()} checks everything and
 * throws a {@link ValidationException} naming the preset and every offending field (such as {@code
 * transferSources[1]}) when something is wrong. {@link #copyOf(ProviderPreset)} applies the same
 * checks to any other implementation; registries use it so that core, not the plugin, decides what
 * is valid.
 *
 * <p>The rules: the id is lower-case letters, digits and single hyphens, starts with a letter, at
 * most 63 characters; the display name is not blank; the name servers are either a non-empty list
 * of distinct host names or "customer supplied" with a non-blank hint, never both; transfer sources
 * are distinct IP literals or CIDR networks, never "every address"; NOTIFY targets are distinct IP
 * literals with a port from 1 to 65535; the documentation link is an absolute http(s) URL; labels,
 * notes and the deprecation reason are not blank.
 *
 * <p>Immutable and thread-safe. Two definitions are equal when all their values are.
 */
public final class PresetDefinition implements ProviderPreset {

  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 63;

  /**
   * The longest display name, label, hint or deprecation reason accepted; the same limit the
   * configuration puts on ACL labels, which a preset's labels become.
   */
  public static final int MAX_TEXT_LENGTH = 255;

  /** The longest note accepted. */
  public static final int MAX_NOTE_LENGTH = 2000;

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final String id;
  private final String displayName;
  private final PresetNameServers nameServers;
  private final List<TransferSource> transferSources;
  private final List<PresetNotifyTarget> notifyTargets;
  private final PresetCapabilities capabilities;
  private final Optional<URI> documentation;
  private final Optional<LocalDate> lastVerified;
  private final Optional<String> deprecationReason;
  private final List<String> notes;

  private PresetDefinition(
      String id,
      String displayName,
      PresetNameServers nameServers,
      List<TransferSource> transferSources,
      List<PresetNotifyTarget> notifyTargets,
      PresetCapabilities capabilities,
      Optional<URI> documentation,
      Optional<LocalDate> lastVerified,
      Optional<String> deprecationReason,
      List<String> notes) {
    this.id = id;
    this.displayName = displayName;
    this.nameServers = nameServers;
    this.transferSources = List.copyOf(transferSources);
    this.notifyTargets = List.copyOf(notifyTargets);
    this.capabilities = capabilities;
    this.documentation = documentation;
    this.lastVerified = lastVerified;
    this.deprecationReason = deprecationReason;
    this.notes = List.copyOf(notes);
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
   * Checks any preset's data and returns it as a definition. A {@code PresetDefinition} is returned
   * as is; an {@link AbstractProviderPreset} gives its definition; any other implementation is read
   * once, method by method, and checked like a built definition.
   *
   * @param preset the preset
   * @return the checked data
   * @throws ValidationException naming the preset and every offending field; a method of the preset
   *     that returns null is reported as a missing value
   */
  public static PresetDefinition copyOf(ProviderPreset preset) {
    Objects.requireNonNull(preset, "preset");
    if (preset instanceof PresetDefinition) {
      return (PresetDefinition) preset;
    }
    if (preset instanceof AbstractProviderPreset) {
      return ((AbstractProviderPreset) preset).definition();
    }
    Checker c = new Checker();
    String id = c.id(preset.id());
    String displayName = c.text("displayName", preset.displayName());
    PresetNameServers nameServers = preset.nameServers();
    if (nameServers == null) {
      c.add(
          "nameServers",
          ProblemCode.REQUIRED,
          "the name servers (or a hint for customer-supplied ones) are required");
    } else if (nameServers instanceof PresetNameServers.CustomerSupplied) {
      c.text("nameServers.hint", ((PresetNameServers.CustomerSupplied) nameServers).hint());
    } else {
      c.nameServerNames(nameServers.fixed());
    }
    List<TransferSource> sources = c.list("transferSources", preset.transferSources());
    c.transferSources(sources);
    List<PresetNotifyTarget> notify = c.list("notifyTargets", preset.notifyTargets());
    c.notifyTargets(notify);
    PresetCapabilities capabilities = c.required("capabilities", preset.capabilities());
    Optional<URI> documentation = c.required("documentation", preset.documentation());
    if (documentation != null && documentation.isPresent()) {
      c.documentation(documentation.get());
    }
    Optional<LocalDate> lastVerified = c.required("lastVerified", preset.lastVerified());
    Optional<String> deprecation = c.required("deprecationReason", preset.deprecationReason());
    if (deprecation != null && deprecation.isPresent()) {
      c.text("deprecationReason", deprecation.get());
    }
    List<String> notes = c.list("notes", preset.notes());
    c.notes(notes);
    c.throwIfAny(id);
    return new PresetDefinition(
        id,
        displayName,
        nameServers,
        sources,
        notify,
        capabilities,
        documentation,
        lastVerified,
        deprecation,
        notes);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public PresetNameServers nameServers() {
    return nameServers;
  }

  @Override
  public List<TransferSource> transferSources() {
    return transferSources;
  }

  @Override
  public List<PresetNotifyTarget> notifyTargets() {
    return notifyTargets;
  }

  @Override
  public PresetCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public Optional<URI> documentation() {
    return documentation;
  }

  @Override
  public Optional<LocalDate> lastVerified() {
    return lastVerified;
  }

  @Override
  public Optional<String> deprecationReason() {
    return deprecationReason;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PresetDefinition)) {
      return false;
    }
    PresetDefinition other = (PresetDefinition) o;
    return id.equals(other.id)
        && displayName.equals(other.displayName)
        && nameServers.equals(other.nameServers)
        && transferSources.equals(other.transferSources)
        && notifyTargets.equals(other.notifyTargets)
        && capabilities.equals(other.capabilities)
        && documentation.equals(other.documentation)
        && lastVerified.equals(other.lastVerified)
        && deprecationReason.equals(other.deprecationReason)
        && notes.equals(other.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        displayName,
        nameServers,
        transferSources,
        notifyTargets,
        capabilities,
        documentation,
        lastVerified,
        deprecationReason,
        notes);
  }

  @Override
  public String toString() {
    return "ProviderPreset["
        + id
        + ", "
        + displayName
        + (deprecated() ? ", deprecated" : "")
        + ", nameServers="
        + (nameServers.customerSupplied() ? "customer-supplied" : nameServers.fixed().toString())
        + ", transferSources="
        + transferSources
        + ", notifyTargets="
        + notifyTargets
        + "]";
  }

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
    private Optional<String> customerHint = Optional.empty();
    private final List<String[]> transferSources = new ArrayList<>();
    private final List<Object[]> notifyTargets = new ArrayList<>();
    private PresetCapabilities capabilities = PresetCapabilities.unknown();
    private Optional<String> documentation = Optional.empty();
    private Optional<LocalDate> lastVerified = Optional.empty();
    private Optional<String> deprecationReason = Optional.empty();
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
     * Says that the provider assigns the name servers per account and the customer types them in.
     *
     * @param hint what the names look like and where to find them
     * @return this builder
     */
    public Builder customerSuppliedNameServers(String hint) {
      this.customerHint = Optional.of(Objects.requireNonNull(hint, "hint"));
      return this;
    }

    /**
     * Adds an address or CIDR network from which the provider pulls the zone.
     *
     * @param addressOrPrefix an IPv4 or IPv6 literal or CIDR prefix
     * @return this builder
     */
    public Builder transferSource(String addressOrPrefix) {
      transferSources.add(new String[] {Objects.requireNonNull(addressOrPrefix), null});
      return this;
    }

    /**
     * Adds an address or CIDR network from which the provider pulls the zone, with a label.
     *
     * @param addressOrPrefix an IPv4 or IPv6 literal or CIDR prefix
     * @param label what the address is, such as the host name the provider gives it
     * @return this builder
     */
    public Builder transferSource(String addressOrPrefix, String label) {
      transferSources.add(
          new String[] {Objects.requireNonNull(addressOrPrefix), Objects.requireNonNull(label)});
      return this;
    }

    /**
     * Adds a NOTIFY target on port 53.
     *
     * @param address an IPv4 or IPv6 literal
     * @return this builder
     */
    public Builder notifyTarget(String address) {
      return addNotify(address, PresetNotifyTarget.DNS_PORT, null);
    }

    /**
     * Adds a NOTIFY target on port 53 with a label.
     *
     * @param address an IPv4 or IPv6 literal
     * @param label what the address is
     * @return this builder
     */
    public Builder notifyTarget(String address, String label) {
      return addNotify(address, PresetNotifyTarget.DNS_PORT, Objects.requireNonNull(label));
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
      return addNotify(address, port, Objects.requireNonNull(label));
    }

    private Builder addNotify(String address, int port, @Nullable String label) {
      notifyTargets.add(new Object[] {Objects.requireNonNull(address), port, label});
      return this;
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
      this.documentation = Optional.of(Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * Sets the day the values were last checked against a source.
     *
     * @param date the date
     * @return this builder
     */
    public Builder lastVerified(LocalDate date) {
      this.lastVerified = Optional.of(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Marks the preset deprecated.
     *
     * @param reason why it should no longer be offered
     * @return this builder
     */
    public Builder deprecated(String reason) {
      this.deprecationReason = Optional.of(Objects.requireNonNull(reason, "reason"));
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
      Checker c = new Checker();
      String checkedId = c.id(id);
      String name = c.text("displayName", displayName);
      PresetNameServers ns = null;
      if (fixedNameServersGiven && customerHint.isPresent()) {
        c.add(
            "nameServers",
            ProblemCode.CONFLICT,
            "give either fixed name servers or a hint for customer-supplied ones, not both");
      } else if (customerHint.isPresent()) {
        ns = new PresetNameServers.CustomerSupplied(c.text("nameServers.hint", customerHint.get()));
      } else {
        // Host names are parsed by the configuration model's own rules, so that a preset's name
        // servers are exactly those a configuration accepts.
        NameServerSet.Builder set = NameServerSet.builder().id(id).label("preset");
        nameServers.forEach(set::addNameServer);
        try {
          List<Name> parsed = new ArrayList<>();
          set.build().nameServers().forEach(n -> parsed.add(n.name()));
          ns = new PresetNameServers.Fixed(parsed);
        } catch (ValidationException e) {
          e.problems().stream()
              .filter(pr -> pr.field().startsWith("nameServers"))
              .forEach(pr -> c.add(pr.field(), pr.code(), pr.message()));
        }
      }
      List<TransferSource> sources = new ArrayList<>();
      for (int i = 0; i < transferSources.size(); i++) {
        String[] entry = transferSources.get(i);
        Optional<String> label = Optional.ofNullable(entry[1]).map(String::strip);
        try {
          sources.add(new TransferSource(AddressPrefix.parse(entry[0]), label));
        } catch (IllegalArgumentException e) {
          sources.add(null);
          c.add(
              "transferSources[" + i + "]",
              entry[0].indexOf('/') >= 0 ? ProblemCode.INVALID_PREFIX : ProblemCode.INVALID_ADDRESS,
              e.getMessage());
        }
      }
      c.transferSources(sources);
      List<PresetNotifyTarget> notify = new ArrayList<>();
      for (int i = 0; i < notifyTargets.size(); i++) {
        Object[] entry = notifyTargets.get(i);
        String text = (String) entry[0];
        Optional<InetAddress> address = IpLiterals.parse(text);
        if (address.isEmpty()) {
          notify.add(null);
          c.add(
              "notifyTargets[" + i + "].address",
              ProblemCode.INVALID_ADDRESS,
              "'" + text.strip() + "' is not an IPv4 or IPv6 address");
        } else {
          notify.add(
              new PresetNotifyTarget(
                  address.get(),
                  (Integer) entry[1],
                  Optional.ofNullable((String) entry[2]).map(String::strip)));
        }
      }
      c.notifyTargets(notify);
      Optional<URI> uri = Optional.empty();
      if (documentation.isPresent()) {
        try {
          uri = Optional.of(new URI(documentation.get().strip()));
          c.documentation(uri.get());
        } catch (URISyntaxException e) {
          c.add(
              "documentation",
              ProblemCode.INVALID_URL,
              "'" + documentation.get().strip() + "' is not a valid URL: " + e.getReason());
        }
      }
      deprecationReason.ifPresent(r -> c.text("deprecationReason", r));
      c.notes(notes);
      c.throwIfAny(id);
      return new PresetDefinition(
          checkedId,
          name,
          ns,
          sources,
          notify,
          capabilities,
          uri,
          lastVerified,
          deprecationReason.map(String::strip),
          notes.stream().map(String::strip).toList());
    }
  }

  /** Collects problems; shared by the builder and {@link #copyOf}, so both apply one rule set. */
  private static final class Checker {
    private final List<ValidationProblem> problems = new ArrayList<>();

    void add(String field, ProblemCode code, String message) {
      problems.add(new ValidationProblem(field, code, message));
    }

    String id(@Nullable String id) {
      if (id == null || id.isBlank()) {
        add("id", ProblemCode.REQUIRED, "an id is required, such as 'dnsmadeeasy'");
        return "";
      }
      if (id.length() > MAX_ID_LENGTH) {
        add("id", ProblemCode.INVALID_ID, "the id is longer than " + MAX_ID_LENGTH + " characters");
      } else if (!ID.matcher(id).matches()) {
        String lower = id.strip().toLowerCase(Locale.ROOT);
        String hint = ID.matcher(lower).matches() ? "; did you mean '" + lower + "'?" : "";
        add(
            "id",
            ProblemCode.INVALID_ID,
            "'"
                + id
                + "' is not a valid id: use lower-case letters, digits and single hyphens,"
                + " starting with a letter"
                + hint);
      }
      return id;
    }

    String text(String field, @Nullable String value) {
      return text(field, value, MAX_TEXT_LENGTH);
    }

    String text(String field, @Nullable String value, int maxLength) {
      if (value == null || value.isBlank()) {
        add(field, ProblemCode.REQUIRED, "a non-blank text is required");
        return "";
      }
      if (value.strip().length() > maxLength) {
        add(field, ProblemCode.TOO_LONG, "is longer than " + maxLength + " characters");
      }
      return value.strip();
    }

    <T> T required(String field, @Nullable T value) {
      if (value == null) {
        add(field, ProblemCode.REQUIRED, "the preset returned null; use an empty value instead");
      }
      return value;
    }

    <T> List<T> list(String field, @Nullable List<T> values) {
      if (values == null) {
        add(field, ProblemCode.REQUIRED, "the preset returned null; return an empty list instead");
        return List.of();
      }
      List<T> copy = new ArrayList<>(values);
      for (int i = 0; i < copy.size(); i++) {
        if (copy.get(i) == null) {
          add(field + "[" + i + "]", ProblemCode.REQUIRED, "the list holds null");
        }
      }
      return copy;
    }

    void nameServerNames(List<Name> names) {
      if (names.isEmpty()) {
        add(
            "nameServers",
            ProblemCode.REQUIRED,
            "at least one name server is required (or say that the customer supplies them)");
        return;
      }
      Set<Name> seen = new HashSet<>();
      for (int i = 0; i < names.size(); i++) {
        Name n = names.get(i);
        if (!n.isAbsolute()) {
          add(
              "nameServers[" + i + "]",
              ProblemCode.INVALID_HOST_NAME,
              "'" + n + "' is not an absolute name");
        } else if (!seen.add(n)) {
          add(
              "nameServers[" + i + "]",
              ProblemCode.DUPLICATE_NAME_SERVER,
              "'" + n + "' is listed twice (names compare case-insensitively)");
        }
      }
    }

    void transferSources(List<TransferSource> sources) {
      Set<AddressPrefix> seen = new HashSet<>();
      for (int i = 0; i < sources.size(); i++) {
        TransferSource s = sources.get(i);
        if (s == null) {
          continue;
        }
        String field = "transferSources[" + i + "]";
        if (s.prefix().isEverything()) {
          add(
              field,
              ProblemCode.INVALID_PREFIX,
              "'" + s.prefix() + "' allows every address; a preset names the provider's own");
        } else if (!seen.add(s.prefix())) {
          add(field, ProblemCode.DUPLICATE_ACL_ENTRY, "'" + s.prefix() + "' is listed twice");
        }
        s.label().ifPresent(l -> text(field + ".label", l));
      }
    }

    void notifyTargets(List<PresetNotifyTarget> targets) {
      Set<List<Object>> seen = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        PresetNotifyTarget t = targets.get(i);
        if (t == null) {
          continue;
        }
        String field = "notifyTargets[" + i + "]";
        if (t.port() < 1 || t.port() > 65535) {
          add(
              field + ".port",
              ProblemCode.INVALID_PORT,
              "port " + t.port() + " is outside 1..65535");
        } else if (!seen.add(List.of(t.address(), t.port()))) {
          add(
              field,
              ProblemCode.DUPLICATE_NOTIFY_TARGET,
              "'" + t.address().getHostAddress() + "' port " + t.port() + " is listed twice");
        }
        t.label().ifPresent(l -> text(field + ".label", l));
      }
    }

    void documentation(URI uri) {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute()
          || !(scheme.equals("https") || scheme.equals("http"))
          || uri.getHost() == null) {
        add(
            "documentation",
            ProblemCode.INVALID_URL,
            "'" + uri + "' is not an absolute http or https URL");
      }
    }

    void notes(List<String> notes) {
      for (int i = 0; i < notes.size(); i++) {
        if (notes.get(i) != null) {
          text("notes[" + i + "]", notes.get(i), MAX_NOTE_LENGTH);
        }
      }
    }

    void throwIfAny(@Nullable String id) {
      if (!problems.isEmpty()) {
        String name =
            id == null || id.isBlank()
                ? "a provider preset without id"
                : "provider preset '" + id + "'";
        throw new ValidationException(name, problems);
      }
    }
  }
}
