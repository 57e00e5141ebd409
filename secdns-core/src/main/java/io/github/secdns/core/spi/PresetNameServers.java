package io.github.secdns.core.spi;

import io.github.secdns.core.config.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The secondary name servers a preset brings: a fixed list that every customer of the provider
 * publishes ({@link Fixed}), names the provider assigns per account or zone, which the customer
 * types in ({@link CustomerSupplied}, with a hint such as Cloudflare's {@code
 * nsNNNN.secondary.cloudflare.com}), or none at all for a provider that cannot act as a secondary
 * ({@link NotApplicable}).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PresetNameServers
    permits PresetNameServers.Fixed,
        PresetNameServers.CustomerSupplied,
        PresetNameServers.NotApplicable {

  /**
   * Returns the fixed names.
   *
   * @return the names, or an empty list when the customer supplies them or there are none
   */
  List<Name> fixed();

  /**
   * Returns the hint shown to a customer who must type the names in.
   *
   * @return the hint, or empty otherwise
   */
  Optional<String> customerHint();

  /**
   * Tells whether the customer must supply the name servers.
   *
   * @return true for {@link CustomerSupplied}
   */
  default boolean customerSupplied() {
    return customerHint().isPresent();
  }

  /**
   * Returns the statement that a provider has no name servers to publish, because it cannot act as
   * a secondary.
   *
   * @return the instance
   */
  static PresetNameServers notApplicable() {
    return NotApplicable.INSTANCE;
  }

  /**
   * Name servers every customer of the provider publishes.
   *
   * @param names the absolute host names, in the provider's order (order carries no meaning in DNS;
   *     it is kept for display)
   * @param provenance where the preset read the names, the day and the confidence; empty when the
   *     preset does not say
   */
  record Fixed(List<Name> names, Optional<Provenance> provenance) implements PresetNameServers {
    /** Copies the list and checks that nothing is null. */
    public Fixed {
      names = List.copyOf(names);
      Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Creates a fixed list without provenance.
     *
     * @param names the absolute host names
     */
    public Fixed(List<Name> names) {
      this(names, Optional.empty());
    }

    @Override
    public List<Name> fixed() {
      return names;
    }

    @Override
    public Optional<String> customerHint() {
      return Optional.empty();
    }
  }

  /**
   * Name servers the provider assigns per account or zone; the customer types them in when applying
   * the preset.
   *
   * @param hint what the names look like and where the customer finds them
   */
  record CustomerSupplied(String hint) implements PresetNameServers {
    /** Checks that the hint is not null. */
    public CustomerSupplied {
      Objects.requireNonNull(hint, "hint");
    }

    @Override
    public List<Name> fixed() {
      return List.of();
    }

    @Override
    public Optional<String> customerHint() {
      return Optional.of(hint);
    }
  }

  /**
   * No name servers: the provider cannot act as a secondary ({@link PresetKind#NOT_A_SECONDARY}).
   */
  final class NotApplicable implements PresetNameServers {
    private static final NotApplicable INSTANCE = new NotApplicable();

    private NotApplicable() {}

    @Override
    public List<Name> fixed() {
      return List.of();
    }

    @Override
    public Optional<String> customerHint() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "not applicable";
    }
  }
}
