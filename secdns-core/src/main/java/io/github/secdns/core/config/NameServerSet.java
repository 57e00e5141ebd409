package io.github.secdns.core.config;

import io.github.secdns.core.internal.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A reusable, named set of name servers (DNSimple's "name server sets"): an id, a label for people,
 * and host names with optional glue.
 *
 * <p>Immutable and thread-safe. Applying a set to a configuration copies its name servers ({@link
 * SecondaryDnsConfiguration.Builder#nameServersFrom(NameServerSet)}); editing the set later does
 * not change configurations that used it.
 */
public final class NameServerSet {

  private final String id;
  private final String label;
  private final Set<NameServer> nameServers;

  private NameServerSet(String id, String label, Set<NameServer> nameServers) {
    this.id = id;
    this.label = label;
    this.nameServers = OrderedSets.copyOf(nameServers);
  }

  /**
   * Starts a builder.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the set's id.
   *
   * @return the id, never blank
   */
  public String id() {
    return id;
  }

  /**
   * Returns the label shown to people.
   *
   * @return the label, never blank
   */
  public String label() {
    return label;
  }

  /**
   * Returns the name servers, in the order given.
   *
   * @return an unmodifiable, non-empty set
   */
  public Set<NameServer> nameServers() {
    return nameServers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NameServerSet nameServerSet
        && nameServerSet.id.equals(id)
        && nameServerSet.label.equals(label)
        && nameServerSet.nameServers.equals(nameServers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, label, nameServers);
  }

  @Override
  public String toString() {
    return "NameServerSet[id=" + id + ", label=" + label + ", nameServers=" + nameServers + "]";
  }

  /** Builds a {@link NameServerSet} from form input. Not thread-safe. */
  public static final class Builder {
    @Nullable private String id;
    @Nullable private String label;
    private final List<Problems.RawNameServer> nameServers = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the id.
     *
     * @param id the set's id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the label.
     *
     * @param label the label shown to people
     * @return this builder
     */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * Adds a name server.
     *
     * @param hostName the host name, with or without the trailing dot, any letter case
     * @param glueAddresses optional IPv4/IPv6 glue addresses
     * @return this builder
     */
    public Builder addNameServer(String hostName, String... glueAddresses) {
      nameServers.add(new Problems.RawNameServer(hostName, Arrays.asList(glueAddresses)));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the set
     * @throws ValidationException listing every problem
     */
    public NameServerSet build() {
      Problems p = new Problems();
      if (id == null || id.isBlank()) {
        p.add("id", ProblemCode.REQUIRED, "the name server set needs an id");
      }
      Set<NameServer> parsed = p.nameServers("nameServers", nameServers);
      if (label == null || label.isBlank()) {
        p.add("label", ProblemCode.REQUIRED, "the name server set needs a label");
      } else if (label.strip().length() > Problems.MAX_FREE_TEXT) {
        p.add(
            "label",
            ProblemCode.TOO_LONG,
            "the label is longer than " + Problems.MAX_FREE_TEXT + " characters");
      }
      p.throwIfAny("name server set");
      return new NameServerSet(
          Objects.requireNonNull(id).strip(), Objects.requireNonNull(label).strip(), parsed);
    }
  }
}
