package io.github.secdns.core.config;

import java.util.Objects;

/**
 * Where a configuration's values came from: a provider preset, a name server set, or values the
 * customer typed in. The values themselves are always copied into the configuration; later changes
 * to a preset or set never change an existing configuration.
 */
public sealed interface ConfigurationOrigin
    permits ConfigurationOrigin.Preset,
        ConfigurationOrigin.NameServerSetRef,
        ConfigurationOrigin.Custom {

  /**
   * Values from a provider preset.
   *
   * @param presetId the preset's stable id
   * @return the origin
   * @throws IllegalArgumentException when the id is blank
   */
  static ConfigurationOrigin preset(String presetId) {
    return new Preset(presetId);
  }

  /**
   * Name servers from a name server set.
   *
   * @param setId the set's id
   * @return the origin
   * @throws IllegalArgumentException when the id is blank
   */
  static ConfigurationOrigin nameServerSet(String setId) {
    return new NameServerSetRef(setId);
  }

  /**
   * Values typed in by the customer.
   *
   * @return the origin
   */
  static ConfigurationOrigin custom() {
    return Custom.INSTANCE;
  }

  /**
   * Values copied from a provider preset.
   *
   * @param presetId the preset's stable id
   */
  record Preset(String presetId) implements ConfigurationOrigin {
    /** Checks that the id is not blank. */
    public Preset {
      requireId(presetId, "presetId");
    }

    @Override
    public String toString() {
      return "preset:" + presetId;
    }
  }

  /**
   * Name servers copied from a name server set.
   *
   * @param setId the set's id
   */
  record NameServerSetRef(String setId) implements ConfigurationOrigin {
    /** Checks that the id is not blank. */
    public NameServerSetRef {
      requireId(setId, "setId");
    }

    @Override
    public String toString() {
      return "nameserver-set:" + setId;
    }
  }

  /** Values typed in by the customer. */
  final class Custom implements ConfigurationOrigin {
    private static final Custom INSTANCE = new Custom();

    private Custom() {}

    @Override
    public String toString() {
      return "custom";
    }
  }

  private static void requireId(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
