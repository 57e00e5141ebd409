package io.github.secdns.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The secondary name servers a preset brings: either a fixed list that every customer of the
 * provider publishes ({@link Fixed}), or names the provider assigns per account, which the customer
 * types in ({@link CustomerSupplied}, with a hint such as Dyn's {@code ns1-4.pXX.dynect.net}).
 * Never both: a preset with both fails when it is built.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PresetNameServers
    permits PresetNameServers.Fixed, PresetNameServers.CustomerSupplied {

  /**
   * Returns the fixed names.
   *
   * @return the names, or an empty list when the customer supplies them
   */
  List<Name> fixed();

  /**
   * Returns the hint shown to a customer who must type the names in.
   *
   * @return the hint, or empty for a fixed list
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
   * Name servers every customer of the provider publishes.
   *
   * @param names the absolute host names, in the provider's order (order carries no meaning in DNS;
   *     it is kept for display)
   */
  record Fixed(List<Name> names) implements PresetNameServers {
    /** Copies the list and checks that no name is null. */
    public Fixed {
      names = List.copyOf(names);
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
   * Name servers the provider assigns per account; the customer types them in when applying the
   * preset.
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
}
